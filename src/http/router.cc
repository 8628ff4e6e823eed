#include "rutile/http/router.h"

#include <algorithm>

namespace rutile::http {
namespace {

// Splits "/a/{id}/b" into segments without allocating; the leading '/' is skipped.
class Segments {
 public:
  explicit Segments(std::string_view s) : rest_(s) {
    if (!rest_.empty() && rest_.front() == '/') rest_.remove_prefix(1);
    done_ = s.empty();
  }
  bool Next(std::string_view& out) {
    if (done_) return false;
    std::size_t slash = rest_.find('/');
    if (slash == std::string_view::npos) {
      out = rest_;
      done_ = true;
    } else {
      out = rest_.substr(0, slash);
      rest_.remove_prefix(slash + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

bool IsParam(std::string_view seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}

// Specificity: one bit per segment position, set where the pattern has a literal. Comparing
// these left to right makes a literal win over a parameter at the first place they differ.
using Score = std::vector<bool>;

bool MatchPattern(std::string_view pattern, std::string_view path, Score* score) {
  Segments p(pattern), q(path);
  std::string_view ps, qs;
  score->clear();
  while (true) {
    bool has_p = p.Next(ps);
    bool has_q = q.Next(qs);
    if (!has_p || !has_q) return has_p == has_q;
    if (IsParam(ps)) {
      if (qs.empty()) return false;
      score->push_back(false);
    } else {
      if (ps != qs) return false;
      score->push_back(true);
    }
  }
}

void BindParams(std::string_view pattern, std::string_view path,
                std::map<std::string, std::string>& out) {
  out.clear();
  Segments p(pattern), q(path);
  std::string_view ps, qs;
  while (p.Next(ps) && q.Next(qs)) {
    if (IsParam(ps)) out[std::string(ps.substr(1, ps.size() - 2))] = std::string(qs);
  }
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

void Router::Get(std::string pattern, Handler h, Execution e) {
  Add(Route{"GET", std::move(pattern), std::move(h), e, false});
}
void Router::Post(std::string pattern, Handler h, Execution e) {
  Add(Route{"POST", std::move(pattern), std::move(h), e, false});
}
void Router::Put(std::string pattern, Handler h, Execution e) {
  Add(Route{"PUT", std::move(pattern), std::move(h), e, false});
}
void Router::Patch(std::string pattern, Handler h, Execution e) {
  Add(Route{"PATCH", std::move(pattern), std::move(h), e, false});
}
void Router::Delete(std::string pattern, Handler h, Execution e) {
  Add(Route{"DELETE", std::move(pattern), std::move(h), e, false});
}

Match Router::Find(std::string_view method, std::string_view path, Request& request) const {
  Match match;
  const Route* best = nullptr;
  const Route* best_get = nullptr;  // HEAD falls back to GET
  Score best_score, best_get_score, score;
  for (const Route& route : routes_) {
    if (!MatchPattern(route.pattern, path, &score)) continue;
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) ==
        match.allowed.end()) {
      match.allowed.push_back(route.method);
    }
    if (route.method == method) {
      if (best == nullptr || score > best_score) {
        best = &route;
        best_score = score;
      }
    } else if (method == "HEAD" && route.method == "GET") {
      if (best_get == nullptr || score > best_get_score) {
        best_get = &route;
        best_get_score = score;
      }
    }
  }
  if (best == nullptr) best = best_get;
  bool has_get =
      std::find(match.allowed.begin(), match.allowed.end(), "GET") != match.allowed.end();
  bool has_head =
      std::find(match.allowed.begin(), match.allowed.end(), "HEAD") != match.allowed.end();
  if (has_get && !has_head) match.allowed.push_back("HEAD");
  std::sort(match.allowed.begin(), match.allowed.end());
  if (best != nullptr) {
    match.route = best;
    BindParams(best->pattern, path, request.path_params);
  }
  return match;
}

}  // namespace rutile::http
