// RenderPdf: lays the blocks out with Pango into a per-page display list, then draws the pages on
// a Cairo PDF surface writing into memory. Two passes so every footer can say "N / M".
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fonts.h"
#include "rutile/documents/document.h"
#include "rutile/documents/qr_code.h"

namespace rutile::documents {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* desc) const { pango_font_description_free(desc); }
};
struct FontOptionsDestroy {
  void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
struct IterFree {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};

using LayoutPtr = std::shared_ptr<PangoLayout>;

// Pango font maps are not thread-safe: each rendering thread keeps its own.
PangoFontMap* ThreadFontMap() {
  thread_local std::unique_ptr<PangoFontMap, GObjectUnref> map(pango_cairo_font_map_new());
  return map.get();
}

struct TextStyle {
  double size_pt = 10.5;
  bool bold = false;
  double gray = 0.0;  // 0 = black
};

constexpr TextStyle kTitleStyle{20, true, 0};
constexpr TextStyle kHeadingStyle{13, true, 0};
constexpr TextStyle kBodyStyle{10.5, false, 0};
constexpr TextStyle kKeyStyle{10.5, true, 0};
constexpr TextStyle kSmallStyle{8, false, 0.35};
constexpr double kCellPaddingPt = 3;

// One laid-out line of a Pango layout, placed on a page.
struct LineOp {
  LayoutPtr layout;
  int line = 0;
  double x = 0, baseline_y = 0, gray = 0;
};
struct RectOp {
  double x = 0, y = 0, width = 0, height = 0, gray = 0;
  bool fill = true;
};
struct Page {
  std::vector<LineOp> lines;
  std::vector<RectOp> rects;
};

// Lays blocks out top to bottom in the content box, starting new pages as needed.
class Flow {
 public:
  Flow(PangoContext* context, std::string families, bool rtl, const PageOptions& page)
      : context_(context),
        families_(std::move(families)),
        rtl_(rtl),
        left_(page.margin_mm * kPtPerMm),
        top_(page.margin_mm * kPtPerMm),
        width_(std::max(0.0, (page.width_mm - 2 * page.margin_mm) * kPtPerMm)),
        bottom_((page.height_mm - page.margin_mm) * kPtPerMm) {
    NewPage();
  }

  std::vector<Page> TakePages() { return std::move(pages_); }

  LayoutPtr MakeLayout(std::string_view text, const TextStyle& style, double width_pt) const {
    LayoutPtr layout(pango_layout_new(context_), GObjectUnref());
    std::unique_ptr<PangoFontDescription, FontDescriptionFree> desc(
        pango_font_description_from_string(families_.c_str()));
    pango_font_description_set_size(desc.get(), static_cast<gint>(style.size_pt * PANGO_SCALE));
    pango_font_description_set_weight(desc.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), desc.get());
    if (width_pt > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width_pt * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    if (rtl_) {
      pango_layout_set_auto_dir(layout.get(), FALSE);
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    }
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
  }

  static double HeightOf(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }
  static double WidthOf(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  // Text flowing across pages line by line, `indent_pt` from the start edge.
  // Returns the page and baseline of the first line.
  std::pair<size_t, double> FlowText(std::string_view text, const TextStyle& style,
                                     double indent_pt, double space_after_pt) {
    double width = width_ - indent_pt;
    LayoutPtr layout = MakeLayout(text, style, width);
    double box_x = StartX(indent_pt, width);
    std::pair<size_t, double> first{pages_.size() - 1, y_};
    std::unique_ptr<PangoLayoutIter, IterFree> iter(pango_layout_get_iter(layout.get()));
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
      EnsureSpace(line_height);
      double baseline =
          y_ +
          static_cast<double>(pango_layout_iter_get_baseline(iter.get()) - logical.y) / PANGO_SCALE;
      if (index == 0) first = {pages_.size() - 1, baseline};
      pages_.back().lines.push_back({layout, index,
                                     box_x + static_cast<double>(logical.x) / PANGO_SCALE, baseline,
                                     style.gray});
      y_ += line_height;
      ++index;
    } while (pango_layout_iter_next_line(iter.get()));
    y_ += space_after_pt;
    return first;
  }

  void Title(std::string_view text) { FlowText(text, kTitleStyle, 0, 8); }

  void Heading(std::string_view text) {
    if (y_ > top_) y_ += 8;
    // Keep a heading with the first lines that follow it.
    EnsureSpace(HeightOf(MakeLayout(text, kHeadingStyle, width_).get()) + 3 * 14);
    FlowText(text, kHeadingStyle, 0, 4);
  }

  void Bullet(std::string_view text) {
    constexpr double kIndentPt = 14;
    auto [page, baseline] = FlowText(text, kBodyStyle, kIndentPt, 3);
    LayoutPtr mark = MakeLayout("\u2022", kBodyStyle, 0);
    double mark_width = WidthOf(mark.get());
    pages_[page].lines.push_back(
        {mark, 0, StartX(kIndentPt * 0.3, mark_width), baseline, kBodyStyle.gray});
  }

  // A row of cells laid out but not yet placed.
  struct PreparedRow {
    std::vector<LayoutPtr> cells;
    double height = 0;
  };

  // Cells side by side (start edge first); `first_style`, when given, is for the first cell.
  PreparedRow PrepareRow(const std::vector<std::string>& cells, const std::vector<double>& widths,
                         const TextStyle& style, double pad, const TextStyle* first_style) const {
    PreparedRow row;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string_view text = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
      const TextStyle& cell_style = (i == 0 && first_style != nullptr) ? *first_style : style;
      row.cells.push_back(MakeLayout(text, cell_style, std::max(1.0, widths[i] - 2 * pad)));
      row.height = std::max(row.height, HeightOf(row.cells.back().get()) + 2 * pad);
    }
    return row;
  }

  // Places a prepared row at the cursor (the caller has made room); optional borders and fill.
  void PlaceRow(const PreparedRow& row, const std::vector<double>& widths, double pad, bool borders,
                double fill_gray) {
    double offset = 0;
    Page& page = pages_.back();
    for (size_t i = 0; i < widths.size(); ++i) {
      double cell_x = StartX(offset, widths[i]);
      if (fill_gray > 0) page.rects.push_back({cell_x, y_, widths[i], row.height, fill_gray, true});
      if (borders) page.rects.push_back({cell_x, y_, widths[i], row.height, 0.55, false});
      PlaceLines(page, row.cells[i], cell_x + pad, y_ + pad, 0);
      offset += widths[i];
    }
    y_ += row.height;
  }

  void KeyValue(std::string_view key, std::string_view value) {
    std::vector<double> widths = {width_ * 0.35, width_ * 0.65};
    PreparedRow row =
        PrepareRow({std::string(key), std::string(value)}, widths, kBodyStyle, 0, &kKeyStyle);
    EnsureSpace(row.height);
    PlaceRow(row, widths, 0, false, 0);
    y_ += 3;
  }

  void Table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows) {
    size_t columns = header.size();
    for (const auto& row : rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    std::vector<double> natural(columns, 0);
    auto measure = [&](const std::vector<std::string>& row, const TextStyle& style) {
      for (size_t i = 0; i < row.size(); ++i) {
        natural[i] = std::max(natural[i],
                              WidthOf(MakeLayout(row[i], style, 0).get()) + 2 * kCellPaddingPt + 1);
      }
    };
    measure(header, kKeyStyle);
    for (const auto& row : rows) measure(row, kBodyStyle);
    std::vector<double> widths = ColumnWidths(natural);
    y_ += 2;
    constexpr double kPad = kCellPaddingPt;
    PreparedRow head = PrepareRow(header, widths, kKeyStyle, kPad, nullptr);
    if (header.empty()) head.height = 0;
    // The header stays with the first row, and is repeated at the top of each new page.
    for (size_t i = 0; i < rows.size() || (i == 0 && rows.empty()); ++i) {
      PreparedRow row =
          rows.empty() ? PreparedRow{} : PrepareRow(rows[i], widths, kBodyStyle, kPad, nullptr);
      bool new_page = y_ + row.height > bottom_ && y_ > top_;
      if (i == 0 && y_ + head.height + row.height > bottom_ && y_ > top_) new_page = true;
      if (new_page) NewPage();
      if ((i == 0 || new_page) && !header.empty()) PlaceRow(head, widths, kPad, true, 0.9);
      if (!rows.empty()) PlaceRow(row, widths, kPad, true, 0);
    }
    y_ += 6;
  }

  Status QrCode(const Block& block) {
    RUTILE_ASSIGN_OR_RETURN(QrMatrix matrix, EncodeQr(block.text));
    constexpr int kQuiet = 4;
    double size = std::min(block.size_mm > 0 ? block.size_mm * kPtPerMm : 30 * kPtPerMm, width_);
    double caption_height = 0;
    LayoutPtr caption;
    if (!block.caption.empty()) {
      caption = MakeLayout(block.caption, kSmallStyle, width_);
      caption_height = HeightOf(caption.get());
    }
    EnsureSpace(size + caption_height);
    double module = size / (matrix.size + 2 * kQuiet);
    double x0 = StartX(0, size);
    Page& page = pages_.back();
    for (const QrRect& r : QrRectangles(matrix)) {
      page.rects.push_back({x0 + (r.x + kQuiet) * module, y_ + (r.y + kQuiet) * module,
                            r.width * module, r.height * module, 0, true});
    }
    y_ += size;
    if (caption) {
      PlaceLines(page, caption, left_, y_, kSmallStyle.gray);
      y_ += caption_height;
    }
    y_ += 6;
    return Ok();
  }

  void PageBreak() {
    if (y_ > top_) NewPage();
  }

  // All lines of a layout whose top-left is (x, y), on one page.
  static void PlaceLines(Page& page, const LayoutPtr& layout, double x, double y, double gray) {
    std::unique_ptr<PangoLayoutIter, IterFree> iter(pango_layout_get_iter(layout.get()));
    int index = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter.get(), nullptr, &logical);
      page.lines.push_back(
          {layout, index, x + static_cast<double>(logical.x) / PANGO_SCALE,
           y + static_cast<double>(pango_layout_iter_get_baseline(iter.get())) / PANGO_SCALE,
           gray});
      ++index;
    } while (pango_layout_iter_next_line(iter.get()));
  }

 private:
  void NewPage() {
    pages_.emplace_back();
    y_ = top_;
  }
  void EnsureSpace(double height) {
    if (y_ + height > bottom_ && y_ > top_) NewPage();
  }
  // x of a box `width` wide placed `offset` from the start edge (left, or right when RTL).
  double StartX(double offset, double width) const {
    return rtl_ ? left_ + width_ - offset - width : left_ + offset;
  }
  // Natural widths when they fit; otherwise narrow columns keep theirs and wide ones share the
  // rest in proportion, so their cells wrap.
  std::vector<double> ColumnWidths(const std::vector<double>& natural) const {
    size_t n = natural.size();
    double total = 0;
    for (double w : natural) total += w;
    std::vector<double> widths = natural;
    if (total <= width_) {
      for (double& w : widths) w += (width_ - total) / n;
      return widths;
    }
    double fair = width_ / n, narrow = 0, wide = 0;
    for (double w : natural) (w <= fair ? narrow : wide) += w;
    for (size_t i = 0; i < n; ++i) {
      if (natural[i] > fair) widths[i] = (width_ - narrow) * natural[i] / wide;
    }
    return widths;
  }

  PangoContext* context_;
  std::string families_;
  bool rtl_;
  double left_, top_, width_, bottom_;
  double y_ = 0;
  std::vector<Page> pages_;
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void DrawPage(cairo_t* cr, const Page& page) {
  for (const RectOp& r : page.rects) {
    cairo_set_source_rgb(cr, r.gray, r.gray, r.gray);
    cairo_rectangle(cr, r.x, r.y, r.width, r.height);
    if (r.fill) {
      cairo_fill(cr);
    } else {
      cairo_set_line_width(cr, 0.5);
      cairo_stroke(cr);
    }
  }
  for (const LineOp& op : page.lines) {
    cairo_set_source_rgb(cr, op.gray, op.gray, op.gray);
    cairo_move_to(cr, op.x, op.baseline_y);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(op.layout.get(), op.line));
  }
}

}  // namespace

Result<std::string> RenderPdf(const Document& doc, const PageOptions& page) {
  if (page.width_mm - 2 * page.margin_mm < 20 || page.height_mm - 2 * page.margin_mm < 30 ||
      page.margin_mm < 5) {
    return InvalidArgument("page too small", {{"page",
                                               "needs a content box of 20 x 30 mm and "
                                               "margins of at least 5 mm"}});
  }
  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(
      AppendToString, &bytes, page.width_mm * kPtPerMm, page.height_mm * kPtPerMm));
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  if (!doc.title().empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title().c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Rutile");

  std::unique_ptr<PangoContext, GObjectUnref> context(
      pango_font_map_create_context(ThreadFontMap()));
  pango_cairo_update_context(cr.get(), context.get());
  std::unique_ptr<cairo_font_options_t, FontOptionsDestroy> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context.get(), options.get());
  pango_context_set_language(context.get(), pango_language_from_string(doc.lang().c_str()));
  pango_context_set_base_dir(context.get(),
                             doc.right_to_left() ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);

  Flow flow(context.get(), FontFamilies(doc.lang()), doc.right_to_left(), page);
  for (const Block& block : doc.blocks()) {
    switch (block.kind) {
      case BlockKind::kTitle:
        flow.Title(block.text);
        break;
      case BlockKind::kHeading:
        flow.Heading(block.text);
        break;
      case BlockKind::kParagraph:
        flow.FlowText(block.text, kBodyStyle, 0, 5);
        break;
      case BlockKind::kBullet:
        flow.Bullet(block.text);
        break;
      case BlockKind::kKeyValue:
        flow.KeyValue(block.text, block.value);
        break;
      case BlockKind::kTable:
        flow.Table(block.header, block.rows);
        break;
      case BlockKind::kQrCode:
        RUTILE_TRY(flow.QrCode(block));
        break;
      case BlockKind::kSmallPrint:
        flow.FlowText(block.text, kSmallStyle, 0, 3);
        break;
      case BlockKind::kPageBreak:
        flow.PageBreak();
        break;
    }
  }
  std::vector<Page> pages = flow.TakePages();

  // Footers: the caller's line at the start edge, "N / M" at the end edge.
  double content_width = (page.width_mm - 2 * page.margin_mm) * kPtPerMm;
  double footer_y = (page.height_mm - page.margin_mm) * kPtPerMm + 8;
  double left = page.margin_mm * kPtPerMm;
  Flow footer_flow(context.get(), FontFamilies(doc.lang()), doc.right_to_left(), page);
  for (size_t i = 0; i < pages.size(); ++i) {
    std::string number = std::to_string(i + 1) + " / " + std::to_string(pages.size());
    LayoutPtr number_layout = footer_flow.MakeLayout(number, kSmallStyle, 0);
    double number_width = Flow::WidthOf(number_layout.get());
    double number_x = doc.right_to_left() ? left : left + content_width - number_width;
    double baseline =
        footer_y +
        static_cast<double>(pango_layout_get_baseline(number_layout.get())) / PANGO_SCALE;
    pages[i].lines.push_back({number_layout, 0, number_x, baseline, kSmallStyle.gray});
    if (!page.footer.empty()) {
      double footer_width = content_width - number_width - 12;
      LayoutPtr footer = footer_flow.MakeLayout(page.footer, kSmallStyle, footer_width);
      double footer_x = doc.right_to_left() ? left + number_width + 12 : left;
      Flow::PlaceLines(pages[i], footer, footer_x, footer_y, kSmallStyle.gray);
    }
  }

  for (const Page& p : pages) {
    DrawPage(cr.get(), p);
    cairo_show_page(cr.get());
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error(ErrorCode::kInternal,
                 std::string("PDF rendering failed: ") + cairo_status_to_string(status));
  }
  surface.reset();
  return bytes;
}

}  // namespace rutile::documents

#if defined(__SANITIZE_ADDRESS__)
// Leaks that are not ours, suppressed in sanitizer builds only: fontconfig keeps its configuration
// and caches for the life of the process, and Cairo 1.16's CFF font subsetter (run inside
// cairo_surface_finish for CJK fonts) loses about 768 bytes per font per PDF. Debian's Cairo has
// no frame pointers, so the default fast unwinder sees only the library, not the function: the
// whole of libcairo is suppressed (our Cairo handles are all owned by unique_ptr deleters).
extern "C" __attribute__((used, visibility("default"))) const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\nleak:libcairo.so\n";
}
#endif
