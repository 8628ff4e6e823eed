// Rewrites the '?' placeholders of portable SQL to PostgreSQL's $1..$n. Internal.
#pragma once

#include <string>
#include <string_view>

namespace rutile::store {

struct RewrittenSql {
  std::string sql;
  int parameter_count = 0;
};

// '?' inside quoted strings ('...', E'...', "..."), dollar-quoted bodies ($tag$...$tag$) and
// comments is left alone. PostgreSQL's own '?' operators (jsonb) therefore cannot be used.
RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace rutile::store
