// The Atom 1.0 feed (RFC 4287) of published warning bulletins. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/cases/bulletin.h"

namespace rutile::cases {

struct AtomFeedOptions {
  std::string self_url;  // absolute URL of the feed itself (link rel="self")
  std::string site_url;  // base of the web app; entries link to site_url + "/bulletins/{id}"
  std::string language;  // preferred text language; an entry without it uses its first text
  // Entry and feed ids are tag: URIs (RFC 4151) from this authority and date, so they stay the
  // same whatever host serves the feed.
  std::string tag_authority = "rutile.example";
  std::string tag_date = "2024";
  std::string title = "Rutile warning bulletins";
};

// "2026-11-23T15:20:00Z".
std::string Rfc3339(std::int64_t unix_seconds);
// The entry id of a bulletin: "tag:rutile.example,2024:bulletin/12".
std::string BulletinTagUri(const AtomFeedOptions& options, std::int64_t bulletin_id);

// The feed document for `bulletins` (published ones, newest first). `now` is the feed's updated
// time when there is no entry.
std::string BulletinAtomFeed(const std::vector<Bulletin>& bulletins, const AtomFeedOptions& options,
                             std::int64_t now);

}  // namespace rutile::cases
