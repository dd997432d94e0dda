"""The course kit: each lecture step of "Arquitecturas Comunes" as a live demo, questions and an exercise
(lab/course/steps/), the class guide's pages written from them (docs/class/), `make class`, and the worksheets."""
