"""Step 9: Containers against virtual machines, and Kubernetes."""

from lab.course.model import Exercise, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=9,
    slug="containers",
    title=N_("Containers against virtual machines, and Kubernetes"),
    idea=N_(
        "A Python Dockerfile: build gives an image, run gives a container; the same images run under compose and are described for Kubernetes."
    ),
    demo=(
        Shell("make images ARCH=monolith", N_("The monolith's image built from its Dockerfile."), needs=("podman",)),
        Shell("podman images", N_("The images and their sizes."), needs=("podman",)),
    ),
    point_at=(),
    see=(),
    questions=(),
    exercise=Exercise(
        predict=N_(
            "How big will the monolith's image be, and how long will a container take to answer its first request, next to a virtual machine booting the same server?"
        ),
        measure=(
            Shell(
                "make test-containers",
                N_("Every image built, every compose file run, the contract suite against each."),
                needs=("podman", "root"),
            ),
            Shell("make worksheet", N_("Your worksheet, filled with your own numbers.")),
        ),
        explain=N_(
            "What does a container share with its host that a virtual machine does not, and what does that cost in isolation? What would Kubernetes add to the compose file you ran?"
        ),
    ),
)
