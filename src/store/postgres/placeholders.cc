#include "postgres/placeholders.h"

#include <cctype>

namespace rutile::store {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql out;
  out.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  const std::size_t n = sql.size();
  auto copy_until = [&](std::size_t end) {
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    char c = sql[i];
    if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.parameter_count);
      ++i;
    } else if (c == '\'' || c == '"') {
      // Quoted string or identifier; a doubled quote is an escaped quote and simply re-enters.
      bool backslash_escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                               (i < 2 || !IsIdentChar(sql[i - 2]));
      std::size_t j = i + 1;
      while (j < n && sql[j] != c) {
        if (backslash_escapes && sql[j] == '\\') ++j;
        ++j;
      }
      copy_until(j < n ? j + 1 : n);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      copy_until(end == std::string_view::npos ? n : end);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      copy_until(end == std::string_view::npos ? n : end + 2);
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      // $tag$ ... $tag$ (tag may be empty); "$1" is a positional parameter, not a quote.
      std::size_t j = i + 1;
      while (j < n && IsIdentChar(sql[j]) && !std::isdigit(static_cast<unsigned char>(sql[i + 1])))
        ++j;
      if (j < n && sql[j] == '$') {
        std::string_view tag = sql.substr(i, j - i + 1);
        std::size_t end = sql.find(tag, j + 1);
        copy_until(end == std::string_view::npos ? n : end + tag.size());
      } else {
        out.sql += c;
        ++i;
      }
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

}  // namespace rutile::store
