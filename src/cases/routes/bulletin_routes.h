// HTTP routes of warning bulletins: reviewers compose, auto-draft, publish and withdraw; everyone
// reads published bulletins and their Atom feed. Thin: parse, call BulletinService, map the
// result.
#pragma once

#include "rutile/cases/atom_feed.h"
#include "rutile/cases/bulletin_service.h"
#include "rutile/http/router.h"

namespace rutile::cases {

// `feed` gives the feed's title and tag authority; an empty self_url/site_url is taken from the
// request's Host header.
void RegisterBulletinRoutes(http::Router& router, BulletinService& service,
                            AtomFeedOptions feed = {});

}  // namespace rutile::cases
