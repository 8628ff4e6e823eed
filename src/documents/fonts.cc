#include "fonts.h"

namespace rutile::documents {

// fontconfig family lists from Debian's fonts-noto-core and fonts-noto-cjk; the first family
// covers the document's script, the others catch mixed text (a Latin unit in Chinese, ...).
std::string FontFamilies(std::string_view lang) {
  std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
  if (primary == "zh") {
    bool traditional = lang.find("TW") != std::string_view::npos ||
                       lang.find("HK") != std::string_view::npos ||
                       lang.find("Hant") != std::string_view::npos;
    return traditional ? "Noto Sans CJK TC, Noto Sans, Noto Naskh Arabic"
                       : "Noto Sans CJK SC, Noto Sans, Noto Naskh Arabic";
  }
  if (primary == "ja") return "Noto Sans CJK JP, Noto Sans, Noto Naskh Arabic";
  if (primary == "ko") return "Noto Sans CJK KR, Noto Sans, Noto Naskh Arabic";
  if (primary == "ar" || primary == "fa" || primary == "ur" || primary == "ps" || primary == "sd" ||
      primary == "ug") {
    return "Noto Sans Arabic, Noto Naskh Arabic, Noto Sans, Noto Sans CJK SC";
  }
  return "Noto Sans, Noto Sans CJK SC, Noto Naskh Arabic";
}

}  // namespace rutile::documents
