#include "rutile/testing/test_world.h"

#include <utility>

#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/regions.h"

namespace rutile::testing {

TestWorld::TestWorld(const std::string& kind, TimePoint start) : test_db_(kind), clock_(start) {}

TestWorld::~TestWorld() {
  identity_.reset();
  db_.reset();
}

::testing::AssertionResult TestWorld::Open(std::vector<store::Migration> migrations) {
  auto db = store::OpenDatabase(test_db_.url());
  if (!db.has_value()) return ::testing::AssertionFailure() << db.error().ToString();
  db_ = std::move(db).value();
  auto all = identity::IdentityMigrations();
  for (auto& m : migrations) all.push_back(std::move(m));
  if (auto applied = store::ApplyMigrations(*db_, std::move(all)); !applied.has_value())
    return ::testing::AssertionFailure() << applied.error().ToString();
  identity::IdentityOptions options;
  options.password_cost = identity::PasswordCost::kMinimal;
  identity_ = std::make_unique<identity::IdentityService>(
      *db_, clock_, identity::RegionCatalog::Default(), options);
  return ::testing::AssertionSuccess();
}

std::int64_t TestWorld::Org(const std::string& name, const std::string& region,
                            const std::string& industry, std::optional<std::int64_t> headcount,
                            std::optional<double> annual_revenue) {
  identity::NewOrganization o;
  o.name = name;
  o.kind = "end_user_plant";
  o.region = region;
  o.industry = industry;
  o.headcount = headcount;
  o.annual_revenue = annual_revenue;
  return Org(o);
}

std::int64_t TestWorld::Org(const identity::NewOrganization& organization) {
  auto org = identity_->CreateOrganization(organization);
  EXPECT_TRUE(org.has_value()) << org.error().ToString();
  return org.has_value() ? org->id : 0;
}

access::Principal TestWorld::User(const std::string& email, const std::string& name,
                                  std::int64_t org, access::OrgRole role,
                                  std::vector<access::PlatformRole> roles) {
  auto u = identity_->CreateUser({email, "a long enough password 42", name}, org, role, roles);
  EXPECT_TRUE(u.has_value()) << u.error().ToString();
  access::Principal p;
  p.user_id = u.has_value() ? u->id : 0;
  p.email = email;
  access::OrgMembership m;
  m.org_id = org;
  m.role = role;
  p.memberships.push_back(m);
  p.platform_roles = std::move(roles);
  return p;
}

access::Principal TestWorld::SignIn(const std::string& email, const std::string& name,
                                    std::int64_t org, access::OrgRole role,
                                    std::vector<access::PlatformRole> roles) {
  const std::string password = "long enough password";
  EXPECT_TRUE(identity_->CreateUser({email, password, name, "en"}, org, role, roles).has_value());
  return identity_->Authenticate(identity_->Login(email, password, "")->token).value();
}

}  // namespace rutile::testing
