"""Load for the framework floor: the same users and think time as the shoppers, one bare JSON endpoint."""

from locust import FastHttpUser, between, task


class FloorUser(FastHttpUser):
    """Asks the floor's one endpoint and checks the answer, like every shopper's request is checked."""

    wait_time = between(1, 5)

    @task
    def floor(self) -> None:
        with self.client.get("/floor", catch_response=True) as resp:
            if resp.status_code != 200:
                resp.failure(f"status {resp.status_code}")
            elif not resp.text.startswith("{") or resp.json().get("title") != "The floor":
                resp.failure("not the floor's JSON")
