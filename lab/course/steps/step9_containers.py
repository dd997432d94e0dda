"""Step 9: Containers against virtual machines, and Kubernetes."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=9,
    slug="containers",
    title=N_("Containers against virtual machines, and Kubernetes"),
    idea=N_(
        "A Python Dockerfile: build gives an image, run gives a container, a group of processes on the host's own kernel, where a virtual machine boots a kernel of its own. The same images run under compose on one host and are described for Kubernetes, which runs them on many."
    ),
    demo=(
        Shell(
            "make images ARCH=monolith",
            N_("The monolith's image built from its Dockerfile; the layer cache makes a rebuild take seconds."),
            needs=("podman",),
        ),
        Shell("podman images bookstore-monolith-monolith", N_("The image and its size."), needs=("podman",)),
        Shell(
            "podman run --rm --no-healthcheck bookstore-monolith-monolith uname -r",
            N_("A container started from the image and asked which kernel it runs on (no server, so no health check)."),
            needs=("podman",),
        ),
        Shell("uname -r", N_("The host's kernel: the same one.")),
        Shell(
            ".venv/bin/kubernetes-validate --strict -k 1.30 deploy/monolith/kubernetes.yaml deploy/microservices/kubernetes.yaml",
            N_(
                "The Kubernetes manifests checked offline against the schemas of Kubernetes 1.30: there is no cluster here."
            ),
        ),
    ),
    point_at=(
        N_(
            "deploy/monolith/monolith/Dockerfile: the pinned requirements installed before the code is copied (the layer cache), a non-root user, EXPOSE 8000 and a HEALTHCHECK on /health."
        ),
        N_("The SIZE column of podman images, and the two uname -r lines, which are the same."),
        N_(
            "deploy/microservices/kubernetes.yaml: the catalog's Deployment (probes on /health, CPU requests and limits), its Service and its HorizontalPodAutoscaler; then deploy/monolith/kubernetes.yaml, one replica and no autoscaler, and the comment that says why."
        ),
        N_('The table under "What was built and run here, and what was not" in docs/deploy.md.'),
    ),
    see=(
        N_(
            "Images are files, containers are processes. Measured by make test-containers with podman 4.3 (docs/deploy.md): the monolith's image is 287 MB, rebuilt in 2 s with the layer cache warm, and its compose file started in 5 s, then passed 306 checks of the contract suite; the microservices are six images of 243 to 284 MB, built in 18 s and started in 12 s. The stand-in base image built here is about 80 MB bigger than the official slim one, so yours will be smaller."
        ),
        N_(
            "uname -r prints the same kernel inside the container and on the host: a container is the host's kernel running processes that namespaces keep apart and cgroups limit, the same cgroups with CPU quotas that the lab's cluster uses as machines. A virtual machine boots its own kernel on emulated hardware: stronger isolation, but a whole operating system to start and to keep in memory. The lab measured no virtual machine, so compare with one you have started."
        ),
        N_(
            "There is no Kubernetes cluster here, and the lab does not pretend otherwise: make test validates every manifest with kubernetes-validate for Kubernetes 1.30 and checks that they use exactly the images, commands, settings and ports the compose files ran with. Each component gets a Deployment with probes, requests and limits, a Service and an autoscaler, except the monolith on SQLite: one file on one volume cannot be shared by several pods."
        ),
    ),
    questions=(
        Question(
            N_("What does a container share with its host that a virtual machine does not, and what does that cost?"),
            N_(
                "The kernel: uname -r answers the same inside and out. So a container starts like a process (the monolith's compose file was up in 5 s, server included) and its image holds no operating system kernel, but a flaw in the shared kernel can reach every container on the host. A virtual machine isolates with its own kernel and emulated hardware, at the price of booting and running a whole system."
            ),
        ),
        Question(
            N_("Why does the Dockerfile install the requirements before it copies the code?"),
            N_(
                "Each instruction is a cached layer, rebuilt only when what it copies changes. The code changes often and the pinned requirements rarely, so a rebuild after a code change reuses the dependency layer: the monolith rebuilt in 2 s. In the other order every change would reinstall every package."
            ),
        ),
        Question(
            N_("Why does the monolith's Kubernetes manifest have one replica and no autoscaler?"),
            N_(
                "It runs on SQLite, a file on one volume claim, which only one pod can hold and only one writer at a time can change. Copies would each need the same file. The two-tier variant on PostgreSQL keeps its state in the database and could scale out like the others."
            ),
        ),
        Question(
            N_("What would Kubernetes add to the compose file you ran?"),
            N_(
                "Compose starts containers on one host. Kubernetes schedules them over many machines, restarts and moves them when a node fails, balances each Service over its pods, rolls out new versions gradually, and scales a Deployment with the autoscaler from its CPU use. Its CPU limits are cgroup quotas, like the lab's machines, and the lab saw their latency price: a quota throttles in bursts, so its cluster bench had to allow a p95 of 5 s."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "How big will the monolith's image be, and how long will a container take to answer its first request, next to a virtual machine booting the same server?"
        ),
        measure=(
            Shell(
                "make test-containers ARCH=monolith",
                N_(
                    "The monolith's image built, its compose file run, the contract suite against it: the table gives the image's size and the seconds to start."
                ),
                needs=("podman", "root"),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "What does a container share with its host that a virtual machine does not, and what does that cost in isolation? What would Kubernetes add to the compose file you ran?"
        ),
    ),
    demo_minutes=2,
    read_more=("docs/deploy.md", "docs/cluster.md"),
)
