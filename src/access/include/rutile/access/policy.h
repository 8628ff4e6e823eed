// The one place that decides who may read or write a record at each data level. Services call
// Authorize() before every read and write; routes never decide access themselves.
// Stateless and thread-safe.
#pragma once

#include "rutile/access/data_level.h"
#include "rutile/access/principal.h"
#include "rutile/core/result.h"

namespace rutile::access {

// True when the principal may perform the action on the record.
bool Allowed(const Principal& principal, Action action, const RecordRef& record);

// Ok, or kUnauthenticated (anonymous caller who might be allowed after logging in) or
// kPermissionDenied with a message saying which level blocked it.
Status Authorize(const Principal& principal, Action action, const RecordRef& record);

// Authorize for a record the caller names by id. A caller who may not read the record gets
// `missing`, the very error the service gives for an id that does not exist, so that neither the
// record's existence nor its level leaks; one who may read it but not change it gets
// kPermissionDenied. Anonymous callers get kUnauthenticated only for a public record (which
// logging in may open); routes that need a login answer 401 before any service is asked.
Status AuthorizeNamed(const Principal& principal, Action action, const RecordRef& record,
                      const Error& missing);

}  // namespace rutile::access
