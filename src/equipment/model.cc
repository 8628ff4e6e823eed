#include "rutile/equipment/model.h"

#include <cstdio>

#include "rutile/engine/thickness.h"

namespace rutile::equipment {

const std::vector<ReadingType>& ReadingTypes() {
  // Plausibility ranges reject typing errors, not unusual but real values.
  static const std::vector<ReadingType> kTypes = {
      {"bath_temperature_c",
       "C",
       {"C", "degC",
        "\xC2\xB0"
        "C"},
       -50,
       400},
      {"ph", "pH", {"pH", "ph"}, -2, 16},
      {"chloride_mg_l", "mg/L", {"mg/L", "mg/l", "ppm"}, 0, 400000},
      {"fluoride_mg_l", "mg/L", {"mg/L", "mg/l", "ppm"}, 0, 400000},
      {"conductivity_us_cm", "uS/cm", {"uS/cm", "\xC2\xB5S/cm", "us/cm"}, 0, 2000000},
      {"sheath_temperature_c",
       "C",
       {"C", "degC",
        "\xC2\xB0"
        "C"},
       -50,
       1200},
      {"current_a", "A", {"A"}, 0, 100000},
      {"potential_v_sce", "V_SCE", {"V_SCE", "V vs SCE", "V"}, -5, 5},
      {"wall_thickness_mm", "mm", {"mm"}, 0.01, 500},
  };
  return kTypes;
}

const ReadingType* FindReadingType(std::string_view name) {
  for (const auto& t : ReadingTypes())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace rutile::equipment

namespace rutile::equipment {
namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> ParseTimestamp(std::string_view text) {
  if (text.size() != 10 && text.size() != 20) return std::nullopt;
  auto date = engine::ParseDate(text.substr(0, 10));
  if (!date.has_value()) return std::nullopt;
  std::int64_t seconds = engine::DaysFromCivil(*date) * 86400;
  if (text.size() == 10) return seconds;
  int h = 0, m = 0, s = 0;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' ||
      !Digits(text, 11, 2, h) || !Digits(text, 14, 2, m) || !Digits(text, 17, 2, s) || h > 23 ||
      m > 59 || s > 59)
    return std::nullopt;
  return seconds + h * 3600 + m * 60 + s;
}

std::string FormatTimestamp(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t rest = t - days * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ",
                engine::FormatDate(engine::CivilFromDays(days)).c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return buf;
}

}  // namespace rutile::equipment
