// PostgresDatabase: the server adapter — a pool of libpq connections to one database.
// Thread-safe. Describe() never shows the password.
#pragma once

#include <memory>
#include <string>

#include "connection_pool.h"
#include "rutile/store/database.h"

namespace rutile::store {

class PostgresDatabase final : public Database {
 public:
  static constexpr int kDefaultPoolSize = 4;

  // url: "postgresql://..." or "postgres://..." as accepted by libpq.
  static Result<std::unique_ptr<Database>> Open(std::string url, const OpenOptions& options);

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<ConnectionPtr> Acquire() override { return pool_.Acquire(); }
  PoolStats Stats() const override { return pool_.Stats(); }
  std::string Describe() const override { return description_; }

 private:
  PostgresDatabase(std::string url, std::string description, const OpenOptions& options);

  std::string url_;
  std::string description_;
  ConnectionPool pool_;
};

}  // namespace rutile::store
