"""A publication reviewer returns or rejects a request with a private comment, end to end
against the real `rutile` binary.

Finding proved: a reviewer could only approve; a request that must not be published stayed in
the queue with no way to decline it or to tell the owner what to change. On the code before the
change `POST /api/v1/cases/{id}/publication/return` answers 404/405 and the first assertion fails.

Also: a reviewer of the owning organization cannot decide (same 404 as a missing case); the
comment reaches the owner organization only, never search, the public record or the feed; after a
return and a rejection the owner may request again and the third request is published.
Runs on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, on PostgreSQL.
Usage: security_review_flow_test.py PATH_TO_RUTILE
"""
import uuid

from rutile_server import DemoServerTest, registration, run_on_every_database

REVIEWER = "expert@demo.rutile.example"


def case_body(marker):
    return {"equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
            "medium": "Watts nickel bath", "temperature_c": 61, "ph": 4.2,
            "failure_mode": "pitting", "root_cause": "stray current",
            "corrective_actions": "PTFE screen", "occurred_on": "2024-05-17",
            "narrative": f"The heater {marker} was found perforated.", "language": "en"}


class ReviewFlow(DemoServerTest):
    def owner_case(self):
        owner = self.call("POST", "/api/v1/auth/register",
                          registration(org_name="Review Plating " + uuid.uuid4().hex[:6]),
                          status=201).json()["token"]
        # Letters only: a run of digits in a narrative is scrubbed as a number.
        marker = "zq" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:10])
        cid = self.call("POST", "/api/v1/cases", case_body(marker), token=owner,
                        status=201).json()["id"]
        return owner, cid, marker

    def queue_ids(self, reviewer):
        return [i["case_id"] for i in
                self.call("GET", "/api/v1/case-publications", token=reviewer).json()["items"]]

    def public_text(self, viewer, marker, comment):
        """Everything a non-owner can read publicly about cases, as text."""
        parts = [self.call("GET", f"/api/v1/public-cases?q={marker}", token=viewer).body,
                 self.call("GET", "/api/v1/public-cases?limit=100", token=viewer).body,
                 self.call("GET", f"/api/v1/public-cases?q={comment.split()[0]}",
                           token=viewer).body]
        return b"".join(parts).decode()

    def test_return_reject_then_approve(self):
        owner, cid, marker = self.owner_case()
        reviewer = self.login(REVIEWER)
        viewer = self.login("li@demo.rutile.example")
        base = f"/api/v1/cases/{cid}/publication"

        self.call("POST", base, token=owner)
        self.assertIn(cid, self.queue_ids(reviewer))
        comment = "Qxreturnnote: remove the plant's internal tag from the narrative."
        returned = self.call("POST", base + "/return", {"comment": comment},
                             token=reviewer).json()
        self.assertEqual(returned["decision"], "returned")
        self.assertNotIn(cid, self.queue_ids(reviewer))
        self.call("POST", base + "/approve", token=reviewer, status=409)
        self.call("POST", base + "/reject", {"comment": "late"}, token=reviewer, status=409)

        # The owner sees the decision and comment; the reviewer stays anonymous.
        mine = self.call("GET", f"/api/v1/cases/{cid}", token=owner).json()
        self.assertEqual(mine["status"], "private")
        self.assertIsNone(mine["public_case_id"])
        self.assertEqual([(r["decision"], r["comment"], r["reviewer"]) for r in mine["reviews"]],
                         [("returned", comment, "reviewer")])
        self.assertNotIn("expert@", str(mine))
        kinds = [n["kind"] for n in
                 self.call("GET", "/api/v1/notifications", token=owner).json()["items"]]
        self.assertIn("case.publication_returned", kinds)

        # Not public: search does not find it, the comment is nowhere public, no new record.
        found = self.call("GET", f"/api/v1/public-cases?q={marker}", token=viewer).json()
        self.assertEqual(found["total"], 0)
        self.assertNotIn("Qxreturnnote", self.public_text(viewer, marker, comment))
        newest = self.call("GET", "/api/v1/public-cases?limit=1", token=viewer).json()["items"]
        next_id = (max(i["id"] for i in newest) if newest else 0) + 1000
        self.call("GET", f"/api/v1/public-cases/{next_id}", token=viewer, status=404)
        # Another organization cannot read the case or its history.
        self.call("GET", f"/api/v1/cases/{cid}", token=viewer, status=404)

        # Requested again, rejected; then a third request is approved and published.
        self.call("POST", base, token=owner)
        self.call("POST", base + "/reject", {"comment": "   "}, token=reviewer, status=400)
        self.call("POST", base + "/reject", {"comment": "Qxrejectnote: duplicate of an entry."},
                  token=reviewer)
        self.assertNotIn(cid, self.queue_ids(reviewer))
        self.assertEqual(self.call("GET", f"/api/v1/cases/{cid}", token=owner)
                         .json()["status"], "private")
        self.call("POST", base, token=owner)
        public = self.call("POST", base + "/approve", token=reviewer, status=201).json()
        record = self.call("GET", f"/api/v1/public-cases/{public['id']}", token=viewer).body
        self.assertNotIn(b"Qx", record)
        text = self.public_text(viewer, marker, comment)
        self.assertIn(marker, text)  # the published case is searchable ...
        self.assertNotIn("Qxreturnnote", text)  # ... and no review comment is public
        self.assertNotIn("Qxrejectnote", text)
        history = self.call("GET", f"/api/v1/cases/{cid}", token=owner).json()["reviews"]
        self.assertEqual([r["decision"] for r in history], ["returned", "rejected", "approved"])

    def test_comment_is_required_and_outsiders_get_404(self):
        owner, cid, _ = self.owner_case()
        reviewer = self.login(REVIEWER)
        base = f"/api/v1/cases/{cid}/publication"
        self.call("POST", base, token=owner)
        bad = self.call("POST", base + "/return", {"comment": ""}, token=reviewer,
                        status=400).json()
        self.assertIn("comment", [e["field"] for e in bad["errors"]])
        bad = self.call("POST", base + "/reject", {}, token=reviewer, status=400).json()
        self.assertIn("comment", [e["field"] for e in bad["errors"]])
        self.call("POST", base + "/return", {"comment": "x" * 2001}, token=reviewer, status=400)
        # Neither the owner nor a plain user may decide; both see what a missing case shows.
        for token in (owner, self.login("li@demo.rutile.example")):
            self.call("POST", base + "/return", {"comment": "self"}, token=token, status=404)
            self.call("POST", base + "/reject", {"comment": "self"}, token=token, status=404)
        self.call("POST", "/api/v1/cases/99999999/publication/reject", {"comment": "x"},
                  token=reviewer, status=404)
        self.assertIn(cid, self.queue_ids(reviewer))

    def test_a_reviewer_of_the_owning_organization_cannot_decide(self):
        operator = self.login("operator@demo.rutile.example")  # operator and org admin
        cid = self.call("POST", "/api/v1/cases", case_body("zq" + uuid.uuid4().hex[:10]),
                        token=operator, status=201).json()["id"]
        base = f"/api/v1/cases/{cid}/publication"
        self.call("POST", base, token=operator)
        self.call("POST", base + "/return", {"comment": "my own"}, token=operator, status=404)
        self.call("POST", base + "/reject", {"comment": "my own"}, token=operator, status=404)
        self.assertEqual(self.call("GET", f"/api/v1/cases/{cid}", token=operator)
                         .json()["status"], "publication_requested")
        self.call("POST", base + "/return", {"comment": "Please add the bath temperature."},
                  token=self.login(REVIEWER))


if __name__ == "__main__":
    run_on_every_database(ReviewFlow)
