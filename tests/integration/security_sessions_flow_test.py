"""Sessions and log-in throttling end to end against the real `rutile` binary.

Findings proved: (1) a password change left every other session of the account alive, and there
was no way to log out everywhere; (2) log-in back-off was keyed per account alone, so a
stranger's wrong guesses from anywhere locked the owner out of their own account. On the code
before the fix the password route does not exist and the owner's log-in after the stranger's
guesses answers 429.

Different source addresses are real: the client binds 127.0.0.2 for the stranger.
Runs on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, on PostgreSQL.
Usage: security_sessions_flow_test.py PATH_TO_RUTILE
"""
import concurrent.futures
import http.client
import json
import urllib.parse

from rutile_server import DemoServerTest, run_on_every_database, registration

PASSWORD = "a long enough password"


class SessionsFlow(DemoServerTest):
    with_demo_data = False

    def login_from(self, source, email, password):
        """POST /api/v1/auth/login from the given local source address; (status, headers)."""
        url = urllib.parse.urlparse(self.server.base_url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30,
                                          source_address=(source, 0))
        try:
            conn.request("POST", "/api/v1/auth/login",
                         json.dumps({"email": email, "password": password}),
                         {"Content-Type": "application/json"})
            r = conn.getresponse()
            body = r.read()
            return r.status, r.headers, body
        finally:
            conn.close()

    def test_changing_the_password_ends_the_other_sessions(self):
        reg = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        email = reg["user"]["email"]
        here = reg["token"]
        there = self.call("POST", "/api/v1/auth/login",
                          {"email": email, "password": PASSWORD}).json()["token"]
        self.call("GET", "/api/v1/me", token=there)
        wrong = self.call("POST", "/api/v1/me/password",
                          {"current_password": "not it at all", "new_password": "a new password 1"},
                          token=here, status=400).json()
        self.assertEqual(wrong["errors"][0]["field"], "current_password")
        self.call("POST", "/api/v1/me/password",
                  {"current_password": PASSWORD, "new_password": "a new password 1"},
                  token=here, status=204)
        self.call("GET", "/api/v1/me", token=here)
        self.call("GET", "/api/v1/me", token=there, status=401)
        self.call("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD},
                  status=401)
        again = self.call("POST", "/api/v1/auth/login",
                          {"email": email, "password": "a new password 1"}).json()["token"]
        # Log out everywhere ends this and every other session.
        self.call("POST", "/api/v1/auth/logout-everywhere", token=again, status=204)
        self.call("GET", "/api/v1/me", token=here, status=401)
        self.call("GET", "/api/v1/me", token=again, status=401)

    def test_a_strangers_guesses_do_not_lock_the_owner_out(self):
        reg = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        email = reg["user"]["email"]
        statuses = [self.login_from("127.0.0.2", email, f"wrong guess {i}")[0]
                    for i in range(20)]
        self.assertEqual(set(statuses), {401, 429}, statuses)
        self.assertLessEqual(statuses.count(401), 10)
        status, headers, _ = self.login_from("127.0.0.2", email, PASSWORD)
        self.assertEqual(status, 429)
        self.assertTrue(int(headers["Retry-After"]) > 0)
        # The owner, from their usual address, with the right password, gets in.
        status, _, body = self.login_from("127.0.0.1", email, PASSWORD)
        self.assertEqual(status, 200, body)
        self.assertTrue(json.loads(body)["token"])

    def test_parallel_wrong_guesses_never_pass_the_limit(self):
        # The default limit is 10 wrong passwords per (account, address) and window.
        reg = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        email = reg["user"]["email"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(
                lambda i: self.login_from("127.0.0.3", email, f"parallel guess {i}")[0],
                range(24)))
        self.assertEqual(statuses.count(401), 10, statuses)
        self.assertEqual(statuses.count(429), 14, statuses)


if __name__ == "__main__":
    run_on_every_database(SessionsFlow)
