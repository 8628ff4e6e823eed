"""Memberships are granted, never claimed, end to end against the real `rutile` binary.

Finding proved: an organization that named a park (`park_id`) or an association
(`association_ids`) at registration became a member at once, so its users read every tenant's
shared-level data (here: a park tenant's shared heater), and an admin could add any e-mail to
an organization directly. On the code before the fix the stranger reads the heater right after
registering and the first assertion fails.

Also: invitations are accepted before they are memberships; the last administrator cannot leave.
Runs on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, on PostgreSQL.
Usage: security_membership_flow_test.py PATH_TO_RUTILE
"""
import uuid

from rutile_server import DemoServerTest, registration, run_on_every_database, unique_email



class MembershipFlow(DemoServerTest):
    def shared_heater(self):
        plant = self.login("admin@demo.rutile.example")
        heater = self.call("POST", "/api/v1/equipment", {
            "name": "Shared heater " + uuid.uuid4().hex[:8], "type": "immersion_heater",
            "material": "Ti-Gr2", "bath_preset": "watts-nickel", "operating_temperature_c": 60,
            "level": "shared"}, token=plant, status=201).json()
        self.assertIsNotNone(heater["park_id"], "the demo plant is in the Jinhe park")
        return heater

    def association_id(self):
        orgs = self.call("GET", "/api/v1/orgs?region=cn-east",
                         token=self.login("admin@demo.rutile.example")).json()["organizations"]
        return [o["id"] for o in orgs if o["kind"] == "association"][0]

    def test_a_stranger_naming_a_park_reads_nothing_shared_until_the_park_approves(self):
        heater = self.shared_heater()
        item = f"/api/v1/equipment/{heater['id']}"
        park_id = heater["park_id"]
        reg = self.call("POST", "/api/v1/auth/register", registration(park_id=park_id),
                        status=201).json()
        stranger = reg["token"]
        self.assertIsNone(reg["organization"]["park_id"])
        self.assertEqual([(r["target"], r["target_id"], r["status"]) for r in reg["join_requests"]],
                         [("park", park_id, "pending")])
        request_id = reg["join_requests"][0]["id"]

        # Until approved: no shared read, and the applicant cannot approve itself.
        r = self.server.request("GET", item, token=stranger)
        self.assertIn(r.status, (403, 404), r.body)
        self.call("POST", f"/api/v1/join-requests/{request_id}/approve", token=stranger,
                  status=403)
        self.call("POST", f"/api/v1/join-requests/{request_id}/approve",
                  token=self.login("admin@demo.rutile.example"), status=404)

        manager = self.login("park@demo.rutile.example")
        me = self.call("GET", "/api/v1/me", token=manager).json()
        manager_org = me["organizations"][0]["id"]
        incoming = self.call("GET", f"/api/v1/orgs/{manager_org}/join-requests/incoming",
                             token=manager).json()["join_requests"]
        self.assertIn(request_id, [j["id"] for j in incoming])
        decided = self.call("POST", f"/api/v1/join-requests/{request_id}/approve",
                            token=manager).json()
        self.assertEqual(decided["status"], "approved")

        # Approved: the shared heater is readable at once; the applicant's admins were told.
        self.assertEqual(self.call("GET", item, token=stranger).json()["id"], heater["id"])
        own = self.call("GET", f"/api/v1/orgs/{reg['organization']['id']}/join-requests",
                        token=stranger).json()["join_requests"]
        self.assertEqual(own[0]["status"], "approved")
        kinds = [n["kind"] for n in
                 self.call("GET", "/api/v1/notifications", token=stranger).json()["items"]]
        self.assertIn("identity.join_request_approved", kinds)

    def test_naming_an_association_or_another_organization_grants_nothing(self):
        association = self.association_id()
        reg = self.call("POST", "/api/v1/auth/register",
                        registration(association_ids=[association]), status=201).json()
        stranger = reg["token"]
        org_id = reg["organization"]["id"]
        self.assertEqual(reg["organization"]["association_ids"], [])
        me = self.call("GET", "/api/v1/me", token=stranger).json()
        self.assertEqual(me["organizations"][0]["association_ids"], [])

        # Another organization (a plant) is no association: refused outright.
        plant_org = self.shared_heater()["org_id"]
        bad = self.call("POST", "/api/v1/auth/register",
                        registration(association_ids=[plant_org]), status=400).json()
        self.assertIn("organization.association_ids[0]", [e["field"] for e in bad["errors"]])

        # The park manager cannot decide an association's request; the association can.
        request_id = reg["join_requests"][0]["id"]
        self.call("POST", f"/api/v1/join-requests/{request_id}/approve",
                  token=self.login("park@demo.rutile.example"), status=404)
        assoc = self.login("association@demo.rutile.example")
        self.call("POST", f"/api/v1/join-requests/{request_id}/approve", token=assoc)
        me = self.call("GET", "/api/v1/me", token=stranger).json()
        self.assertEqual(me["organizations"][0]["association_ids"], [association])
        self.assertEqual(self.call("GET", f"/api/v1/orgs/{org_id}", token=stranger)
                         .json()["association_ids"], [association])

    def test_invitations_are_accepted_before_they_are_memberships(self):
        admin = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        org_id = admin["organization"]["id"]
        email = unique_email("invitee")
        # The old direct add is gone.
        self.call("POST", f"/api/v1/orgs/{org_id}/members", {"email": email},
                  token=admin["token"], status=405)
        inv = self.call("POST", f"/api/v1/orgs/{org_id}/invitations",
                        {"email": email, "role": "member"}, token=admin["token"],
                        status=201).json()
        self.assertEqual(inv["status"], "pending")
        # The invited person registers later with that e-mail and sees the invitation.
        invitee = self.call("POST", "/api/v1/auth/register", registration(email=email),
                            status=201).json()["token"]
        self.call("GET", f"/api/v1/orgs/{org_id}/members", token=invitee, status=403)
        pending = self.call("GET", "/api/v1/me/invitations", token=invitee).json()["invitations"]
        self.assertEqual([i["id"] for i in pending], [inv["id"]])
        # Someone else cannot accept it.
        other = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        self.call("POST", f"/api/v1/invitations/{inv['id']}/accept", token=other["token"],
                  status=404)
        self.call("POST", f"/api/v1/invitations/{inv['id']}/accept", token=invitee, status=201)
        members = self.call("GET", f"/api/v1/orgs/{org_id}/members",
                            token=invitee).json()["members"]
        self.assertIn(email, [m["email"] for m in members])

        # The last administrator cannot leave; a member can; an admin removes a member.
        last = self.call("POST", f"/api/v1/orgs/{org_id}/leave", token=admin["token"],
                         status=409).json()
        self.assertEqual(last["errors"][0]["message"], "identity.last_admin")
        self.call("POST", f"/api/v1/orgs/{org_id}/leave", token=invitee, status=204)
        self.call("GET", f"/api/v1/orgs/{org_id}/members", token=invitee, status=403)
        self.call("DELETE", f"/api/v1/orgs/{org_id}/members/{admin['user']['id']}",
                  token=admin["token"], status=409)


if __name__ == "__main__":
    run_on_every_database(MembershipFlow)
