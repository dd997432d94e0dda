"""`make test-containers ARCH=<arch>`: one architecture's images and compose file alone, for a class, without
the cluster run; without ARCH, everything as CI runs it."""


def test_test_containers_with_an_architecture_proves_that_one_alone(monkeypatch):
    from lab.cli import main
    from lab.containers import proof

    asked = []
    monkeypatch.setattr(proof, "prove", lambda *args, **kwargs: asked.append((args, kwargs)) or 0)
    assert main(["test-containers", "monolith"]) == 0
    assert main(["test-containers"]) == 0
    assert asked == [((["monolith"],), {"cluster": False}), ((), {})]
