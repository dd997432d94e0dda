"""The worksheets (make worksheet, make check-worksheet): each lecture step's exercise, then questions filled with
the student's own numbers, and a checker that compares their answers with what their own runs hold.

model.py says what a question is, evidence.py finds the runs a question needs, questions_early.py and
questions_late.py declare the questions once, worked.py works each one out, page.py writes the HTML in both
languages, answers_file.py the answers file, and checking.py judges it.
"""
