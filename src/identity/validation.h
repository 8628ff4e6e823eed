// Input checks shared by the identity service: each appends FieldErrors rather than failing
// fast, so a form gets every problem at once. Internal to the identity module.
#pragma once

#include <string>
#include <vector>

#include "rutile/core/error.h"

namespace rutile::identity {

// Lower-cases and trims; the stored form of an e-mail address.
std::string NormalizeEmail(const std::string& email);

void CheckEmail(const std::string& field, const std::string& normalized,
                std::vector<FieldError>& errors);
void CheckPassword(const std::string& field, const std::string& password,
                   std::vector<FieldError>& errors);
void CheckText(const std::string& field, const std::string& text, std::size_t max_chars,
               std::vector<FieldError>& errors);
void CheckLanguage(const std::string& field, const std::string& language,
                   std::vector<FieldError>& errors);

}  // namespace rutile::identity
