#include "playground_permutation.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>

#include "view_util.hpp"

namespace peviz::playground {
namespace {

// How the sentences show.
enum class Sentences { ChipsWithNumbers, Chips, Words, OneLine, None };

// One row of a column of the permutation panel.
struct Row {
  enum class Kind { Text, Positions, Chips, Arrows, Reordered, Numbers } kind = Kind::Text;
  Note note;  // Text
  double h = 0.0;
  std::vector<std::string> labels;  // Positions and Numbers: one per chip
};

// Chips `pitch` apart, `chip_w` wide, centred on the column.
struct Chips {
  double pitch = 0.0, chip_w = 0.0;
  long n = 0;
  double centre(long i, double cx) const {
    return cx + (static_cast<double>(i) - 0.5 * (n - 1.0)) * pitch;
  }
};

constexpr double kChipH = 34.0;    // a chip, around its word
constexpr double kArrowsH = 30.0;  // the arrows between the two rows of chips
constexpr double kBlockGap = 12.0;

class PermutationPanel {
 public:
  PermutationPanel(const PermutationFacts& f, const plot::Style& style) : f_(f), style_(style) {}

  // Fills `pm` (its title too) for a panel covering `area`; false when not even the verdict
  // fits (with `force`, as much of it as there is room for is placed anyway).
  bool build(plot::Panel& pm, const Box& area, bool force) {
    const bool comparing = f_.test && f_.perm && !f_.identity_perm;
    // The sentences as fully as there is room for, with as many of the left-out panels'
    // lines as fit (those first: the sentences are on the heatmaps' axes too).
    struct Try {
      Sentences s;
      std::size_t extras;  // the first this many of f_.extras
    };
    std::vector<Try> tries;
    const std::size_t all = f_.extras.size();
    for (std::size_t k = all; k > 0; --k) {
      for (Sentences s : {Sentences::ChipsWithNumbers, Sentences::Chips, Sentences::Words})
        tries.push_back({s, k});
    }
    for (Sentences s : {Sentences::ChipsWithNumbers, Sentences::Chips, Sentences::Words})
      tries.push_back({s, 0});
    for (std::size_t k = all; k > 0; --k) {
      tries.push_back({Sentences::OneLine, k});
      tries.push_back({Sentences::None, k});
    }
    tries.push_back({Sentences::OneLine, 0});
    tries.push_back({Sentences::None, 0});
    // The title asks the question, and the label over the big number says what it is; in a
    // short panel the title says what the number is instead.
    struct Title {
      std::string text;
      bool label;  // the label over the big number
    };
    std::vector<Title> titles;
    if (comparing) {
      titles.push_back({choose_title({"Same words, new order: do the outputs just reorder?",
                                      "Reordered: same outputs?", "Same outputs?"},
                                     area.w()),
                        true});
      titles.push_back({choose_title({"Largest output difference after un-shuffling",
                                      "Largest difference after un-shuffling",
                                      "Difference after un-shuffling", "Un-shuffled difference"},
                                     area.w()),
                        false});
    } else {
      titles.push_back({"Permutation test", true});
    }
    const std::string big = comparing ? difference_text(f_.test->max_difference) : "";
    const double big_em = text_px(big, 1.0, true);
    for (const Try& t : tries) {
      for (int columns = 1; columns <= 2; ++columns) {
        if (t.s == Sentences::OneLine && !comparing) continue;
        for (const Title& title : titles) {
          Frame fr;
          fr.title = title.text;
          const Box plot = plot_box(area, fr);
          const double w = plot.w(), h = plot.h();
          const double col_w = columns == 1 ? w : 0.5 * (w - 16.0);
          // The big number as large as the panel allows (1.4 to 2.6 times the body text).
          const double big_max =
              comparing
                  ? std::clamp(std::min(0.9 * col_w / std::max(big_em, 1e-9), 0.16 * h), 28.0, 52.0)
                  : 28.0;
          for (double big_px = big_max; big_px >= 28.0 - 1e-9; big_px -= 4.0) {
            std::vector<std::vector<Row>> left, right;
            Chips chips;
            std::vector<Row> sentences, verdict, extras;
            if (!sentence_rows(t.s, col_w, sentences, chips)) break;
            if (!verdict_rows(col_w, big_px, title.label, verdict)) {
              if (!comparing) break;
              continue;  // a smaller big number may fit
            }
            if (!extra_rows(col_w, t.extras, extras)) break;
            if (columns == 1) {
              left = {sentences, verdict, extras};
            } else {
              if (sentences.empty() && extras.empty()) break;  // one column is as good
              left = {sentences, extras};
              right = {verdict};
            }
            if (height(left) <= h && height(right) <= h) {
              pm.title = title.text;
              emit(pm, w, h, columns, col_w, left, right, chips);
              return true;
            }
            if (!comparing) break;
          }
        }
      }
    }
    if (!force) return false;
    // Too small for the verdict whole: as much of it as there is room for.
    relaxed_ = true;
    Frame fr;
    fr.title = titles.back().text;
    const Box plot = plot_box(area, fr);
    std::vector<Row> verdict;
    verdict_rows(plot.w(), 28.0, titles.back().label, verdict);
    Chips chips;
    pm.title = titles.back().text;
    emit(pm, plot.w(), plot.h(), 1, plot.w(), {verdict}, {}, chips);
    return false;
  }

 private:
  static double height(const std::vector<std::vector<Row>>& blocks) {
    double h = 0.0;
    int count = 0;
    for (const std::vector<Row>& b : blocks) {
      if (b.empty()) continue;
      for (const Row& r : b) h += r.h;
      ++count;
    }
    return h + kBlockGap * std::max(0, count - 1);
  }

  bool add_text(std::vector<Row>& rows, const std::string& text, double px, bool bold,
                plot::Color color, double room, std::size_t max_lines = 3) const {
    const std::vector<std::string> lines = wrap(text, px, bold, room);
    if (!relaxed_ && (lines.size() > max_lines || widest_px(lines, px, bold) > room)) return false;
    for (const std::string& l : lines) {
      Row r;
      r.note = {l, px, bold, color};
      r.h = px * 1.25;
      rows.push_back(r);
    }
    return true;
  }

  bool sentence_rows(Sentences s, double w, std::vector<Row>& rows, Chips& chips) const {
    const long n = static_cast<long>(f_.tokens.size());
    const bool reordered = f_.perm && !f_.identity_perm;
    const double word_px = kFontPx, small_px = kSmallScale * kFontPx;
    switch (s) {
      case Sentences::ChipsWithNumbers:
      case Sentences::Chips: {
        if (n > kChipTokens) return false;
        if (s == Sentences::ChipsWithNumbers && !reordered) return false;  // no second row
        const double widest = std::max(widest_word_px(f_.tokens, word_px, true),
                                       reordered ? widest_word_px(f_.second, word_px, true) : 0.0);
        chips.n = n;
        // As wide as the column allows, but chips, not bars.
        chips.pitch =
            std::min(w / static_cast<double>(std::max<long>(n, 3)), std::max(130.0, widest + 50.0));
        chips.chip_w = chips.pitch - 10.0;
        if (chips.chip_w < widest + 10.0) return false;
        Row pos;
        pos.kind = Row::Kind::Positions;
        pos.h = small_px * 1.25;
        bool long_labels = true;
        for (long i = 0; i < n; ++i)
          long_labels =
              long_labels && text_px(fmt("position %ld", i), small_px, false) <= chips.pitch - 6.0;
        for (long i = 0; i < n; ++i)
          pos.labels.push_back(fmt(long_labels ? "position %ld" : "%ld", i));
        if (text_px(pos.labels.back(), small_px, false) > chips.pitch - 4.0) return false;
        rows.push_back(pos);
        rows.push_back({Row::Kind::Chips, {}, kChipH, {}});
        if (reordered) {
          rows.push_back({Row::Kind::Arrows, {}, kArrowsH, {}});
          rows.push_back({Row::Kind::Reordered, {}, kChipH, {}});
          if (s == Sentences::ChipsWithNumbers) {
            Row num;
            num.kind = Row::Kind::Numbers;
            num.h = small_px * 1.25 + 2.0;
            for (long i = 0; i < n; ++i) {
              const bool match = f_.row_diff[i] < f_.tol;
              num.labels.push_back((match ? "= " : "≠ ") + difference_text(f_.row_diff[i]));
              if (text_px(num.labels.back(), small_px, true) > chips.pitch - 4.0) return false;
            }
            rows.push_back(num);
          }
        }
        return true;
      }
      case Sentences::Words: {
        const double px = 0.95 * kFontPx;
        if (!add_text(rows, "sentence: " + quoted(f_.tokens, 6), px, true, style_.text, w, 2))
          return false;
        if (reordered) {
          if (!add_text(rows, "reordered: " + quoted(f_.second, 6), px, true, style_.text, w, 2))
            return false;
          long moved = 0, matching = 0;
          for (long i = 0; i < n; ++i) {
            moved += (*f_.perm)[static_cast<std::size_t>(i)] != i ? 1 : 0;
            matching += f_.row_diff[i] < f_.tol ? 1 : 0;
          }
          return add_text(rows,
                          fmt("%ld words moved, %ld of %ld outputs match", moved, matching, n),
                          0.9 * kFontPx, false, f_.blind ? kMatch : kDiffer, w, 2);
        }
        return true;
      }
      case Sentences::OneLine:
        return add_text(rows, quoted(f_.tokens, 6), kLineScale * kFontPx, false, style_.text, w,
                        2) &&
               add_text(rows, "→ " + quoted(f_.second, 6), kLineScale * kFontPx, false, style_.text,
                        w, 2);
      case Sentences::None:
        return true;
    }
    return false;
  }

  bool verdict_rows(double w, double big_px, bool label, std::vector<Row>& rows) const {
    const double body = kFontPx, small = kLineScale * kFontPx;
    const long n = static_cast<long>(f_.tokens.size());
    const auto message = [&](const std::vector<std::string>& say,
                             const std::vector<std::string>& hint) {
      return add_text(rows, choose_text(say, body, true, w, 3, true), body, true, kDiffer, w) &&
             add_text(rows, choose_text(hint, 0.9 * body, false, w, 2, true), 0.9 * body, false,
                      style_.muted, w);
    };
    if (n == 1) {
      return message({"one word: nothing to reorder"},
                     {"type a sentence and a reordering of it", "type a sentence"});
    }
    if (!f_.perm) {
      return message({quoted(f_.second) + " is not a reordering of " + quoted(f_.tokens),
                      quoted(f_.second, 3) + " is not a reordering of " + quoted(f_.tokens, 3),
                      "not a reordering of the sentence"},
                     {"type the same words in another order to compare",
                      "type the same words in another order"});
    }
    if (f_.identity_perm || !f_.test) {
      return message({"the second sentence has the same order", "the same order twice"},
                     {"type the same words in another order to compare",
                      "type the same words in another order"});
    }
    if (label && !add_text(rows,
                           choose_text({"largest output difference after un-shuffling",
                                        "largest difference after un-shuffling",
                                        "largest difference, un-shuffled"},
                                       small, false, w, 3),
                           small, false, style_.muted, w, 3))
      return false;
    const std::string big = difference_text(f_.test->max_difference);
    if (!relaxed_ && text_px(big, big_px, true) > w) return false;
    Row b;
    b.note = {big, big_px, true, f_.verdict_color};
    b.h = big_px * 1.2;
    rows.push_back(b);
    return add_text(rows, choose_text(f_.verdicts, body, true, w, 3), body, true, f_.verdict_color,
                    w) &&
           add_text(rows, choose_text(f_.reasons, body, true, w, 3), body, true, f_.verdict_color,
                    w);
  }

  bool extra_rows(double w, std::size_t count, std::vector<Row>& rows) const {
    for (std::size_t i = 0; i < count && i < f_.extras.size(); ++i) {
      if (!add_text(rows, f_.extras[i], kLineScale * kFontPx, false, style_.text, w, 3))
        return false;
    }
    return true;
  }

  // Places the blocks of each column from the top, the room left shared out between them.
  void emit(plot::Panel& pm, double w, double h, int columns, double col_w,
            const std::vector<std::vector<Row>>& left, const std::vector<std::vector<Row>>& right,
            const Chips& chips) {
    pm.x.lo = 0.0;
    pm.x.hi = w;
    pm.y.lo = 0.0;
    pm.y.hi = h;
    pm.y.inverted = true;
    const long n = static_cast<long>(f_.tokens.size());
    auto layout_column = [&](const std::vector<std::vector<Row>>& blocks, double cx) {
      int count = 0;
      for (const auto& b : blocks) count += b.empty() ? 0 : 1;
      if (count == 0) return;
      const double free = std::max(0.0, h - height(blocks) + kBlockGap * (count - 1));
      // Gaps between the blocks take the free room; the top and bottom take a share.
      const double gap = free / (count + 1);
      double y = count == 1 ? 0.5 * free : gap;
      for (const auto& b : blocks) {
        if (b.empty()) continue;
        for (const Row& r : b) {
          emit_row(pm, r, cx, y, chips, n);
          y += r.h;
        }
        y += gap;
      }
    };
    if (columns == 1) {
      layout_column(left, 0.5 * w);
    } else {
      layout_column(left, 0.5 * col_w);
      layout_column(right, w - 0.5 * col_w);
    }
    // The hover readout: the exact difference, and the chip under the mouse.
    auto shared_test = f_.test ? std::make_shared<const PermutationTest>(*f_.test) : nullptr;
    auto shared_diff = std::make_shared<const Eigen::VectorXd>(f_.row_diff);
    auto shared_tokens = std::make_shared<const std::vector<std::string>>(f_.tokens);
    auto shared_second = std::make_shared<const std::vector<std::string>>(f_.second);
    const auto rows = chip_rows_;
    const double pitch = chips.pitch, first = chip_first_;
    pm.readout = [shared_test, shared_diff, shared_tokens, shared_second, rows, pitch, first](
                     double x, double y) -> std::vector<std::string> {
      std::vector<std::string> out;
      if (shared_test)
        out.push_back(fmt("largest output difference = %.3e", shared_test->max_difference));
      if (pitch <= 0.0) return out;
      const long i = std::lround((x - first) / pitch);
      if (i < 0 || i >= static_cast<long>(shared_tokens->size())) return out;
      if (y >= rows[0] && y <= rows[1]) {
        out.push_back(fmt("“%s” at position %ld", (*shared_tokens)[i].c_str(), i));
      } else if (shared_test && y >= rows[2] && y <= rows[3]) {
        const int from = shared_test->permutation[i];
        out.push_back(
            fmt("“%s” moved from position %d to %ld", (*shared_second)[i].c_str(), from, i));
        out.push_back(fmt("its output differs from the original's by %.3e", (*shared_diff)[i]));
      }
      return out;
    };
  }

  void emit_row(plot::Panel& pm, const Row& r, double cx, double y, const Chips& chips, long n) {
    const double mid = y + 0.5 * r.h;
    switch (r.kind) {
      case Row::Kind::Text:
        pm.texts.push_back({cx, mid, r.note.text, r.note.color,
                            static_cast<float>(r.note.px / kFontPx), r.note.bold, 0.5f, 0.5f});
        return;
      case Row::Kind::Positions:
        for (long i = 0; i < n; ++i) {
          pm.texts.push_back({chips.centre(i, cx), mid, r.labels[static_cast<std::size_t>(i)],
                              style_.muted, kSmallScale, false, 0.5f, 0.5f});
        }
        return;
      case Row::Kind::Chips: {
        plot::Bars b;
        b.width = chips.chip_w;
        b.base = y + 2.0;
        b.color = plot::series_ink(0, 0.16f);
        for (long i = 0; i < n; ++i) {
          b.x.push_back(chips.centre(i, cx));
          b.height.push_back(y + r.h - 2.0);
          pm.texts.push_back({chips.centre(i, cx), mid, f_.tokens[static_cast<std::size_t>(i)],
                              style_.text, 1.0f, true, 0.5f, 0.5f});
        }
        pm.bars.push_back(b);
        chip_rows_[0] = y;
        chip_rows_[1] = y + r.h;
        chip_first_ = chips.centre(0, cx);
        return;
      }
      case Row::Kind::Arrows:
        for (long i = 0; i < n; ++i) {
          pm.shapes.push_back({plot::Shape::Kind::Arrow,
                               chips.centre((*f_.perm)[static_cast<std::size_t>(i)], cx),
                               y + 2.0,
                               chips.centre(i, cx),
                               y + r.h - 1.0,
                               plot::ink(plot::Ink::Muted),
                               1.6f,
                               false,
                               {}});
        }
        return;
      case Row::Kind::Reordered: {
        plot::Bars same, differ;
        same.width = differ.width = chips.chip_w;
        same.base = differ.base = y + 2.0;
        same.color = kMatch;
        same.color.a = 0.22f;
        differ.color = kDiffer;
        differ.color.a = 0.22f;
        for (long i = 0; i < n; ++i) {
          plot::Bars& b = f_.row_diff[i] < f_.tol ? same : differ;
          b.x.push_back(chips.centre(i, cx));
          b.height.push_back(y + r.h - 2.0);
          pm.texts.push_back({chips.centre(i, cx), mid, f_.second[static_cast<std::size_t>(i)],
                              style_.text, 1.0f, true, 0.5f, 0.5f});
        }
        for (plot::Bars* b : {&same, &differ}) {
          if (!b->x.empty()) pm.bars.push_back(*b);
        }
        chip_rows_[2] = y;
        chip_rows_[3] = y + r.h;
        return;
      }
      case Row::Kind::Numbers:
        for (long i = 0; i < n; ++i) {
          pm.texts.push_back({chips.centre(i, cx), mid, r.labels[static_cast<std::size_t>(i)],
                              f_.row_diff[i] < f_.tol ? kMatch : kDiffer, kSmallScale, true, 0.5f,
                              0.5f});
        }
        return;
    }
  }

  const PermutationFacts& f_;
  const plot::Style& style_;
  std::array<double, 4> chip_rows_ = {1.0, -1.0, 1.0, -1.0};  // the chip rows' y spans
  bool relaxed_ = false;  // place the verdict even where it does not fit
  double chip_first_ = 0.0;
};

}  // namespace

bool permutation_panel(const PermutationFacts& f, const plot::Style& style, plot::Panel& pm,
                       const Box& area, bool force) {
  return PermutationPanel(f, style).build(pm, area, force);
}

}  // namespace peviz::playground
