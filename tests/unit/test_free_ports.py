"""Ports for the lab's servers: free, below the kernel's ephemeral range, and never handed out twice."""

from lab.launch.ports import _ephemeral_range, free_port, port_is_free


def test_a_port_handed_out_is_not_handed_out_again_before_its_server_binds_it():
    ports = [free_port() for _ in range(300)]  # random picks from ~12,000 ports would repeat most of the time
    assert len(set(ports)) == len(ports)


def test_a_free_port_lies_below_the_ephemeral_range_and_nobody_listens_on_it():
    port = free_port()
    assert 20000 <= port < _ephemeral_range()[0] and port_is_free(port)
