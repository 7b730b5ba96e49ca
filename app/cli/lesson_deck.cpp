#include "lesson_deck.hpp"

#include <charconv>
#include <cstdio>
#include <ostream>

#include "app/export/figure_file.hpp"
#include "app/export/pdf_deck.hpp"
#include "app/lesson/lesson.hpp"
#include "app/plot/style.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

constexpr const char* kUsage =
    "peviz lesson export FILE --slides --out DECK.pdf [--width W] [--height H] [--theme T]";

int side(const std::string& name, const std::string& text) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 16 || v > 16384) {
    throw InvalidArgument("--" + name + " is a whole number of points from 16 to 16384 (got '" +
                          text + "')");
  }
  return v;
}

std::vector<DeckSpan> spans_of(const std::vector<TextSpan>& spans) {
  std::vector<DeckSpan> out;
  for (const TextSpan& s : spans) out.push_back({s.text, s.bold, s.italic});
  return out;
}

DeckBlock heading(const std::string& text) {
  return {{{text, true, false}}, false, 1.0f, false, 0.5f};
}

// "base from 10 to 100000 over 8 s (log)": what the window animates, said in words.
std::string animation_note(const Animation& a) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g", a.seconds);
  return "Animated in the program: " + a.param + " from " + a.text_at(0.0) + " to " +
         a.text_at(a.seconds) + " over " + seconds + " s" + (a.log ? " (log scale)" : "") +
         "; shown here at its end.";
}

}  // namespace

int run_lesson_deck(const std::string& lesson_path,
                    const std::vector<std::pair<std::string, std::string>>& options,
                    std::ostream& out, std::ostream& err) {
  PictureOptions picture;
  std::string path;
  try {
    if (lesson_path.empty()) {
      throw InvalidArgument(std::string("name the lesson file (usage: ") + kUsage + ")");
    }
    for (const auto& [raw, value] : options) {
      const std::string key = raw.rfind("--", 0) == 0 ? raw.substr(2) : raw;
      if (key == "out") {
        path = value;
      } else if (key == "width") {
        picture.width = side(key, value);
      } else if (key == "height") {
        picture.height = side(key, value);
      } else if (key == "theme") {
        picture.style = plot::theme_style(plot::theme_by_name(value));
      } else {
        throw InvalidArgument("--slides takes --out, --width, --height and --theme, not --" + key +
                              " (usage: " + kUsage + ")");
      }
    }
    if (path.empty())
      throw InvalidArgument(std::string("--out DECK.pdf is required (usage: ") + kUsage + ")");
    if (figure_format(path) != "pdf") {
      throw InvalidArgument("--slides writes a PDF: name a file ending in .pdf (got '" + path +
                            "')");
    }
  } catch (const InvalidArgument& e) {
    err << "peviz lesson export: " << one_line(e.what()) << "\n";
    return 2;
  }
  const LessonParse parsed = load_lesson(lesson_path);
  if (!parsed.ok()) {
    for (const LessonProblem& p : parsed.problems) err << format_problem(lesson_path, p) << "\n";
    return 1;
  }
  const Lesson& lesson = *parsed.lesson;
  PdfDeck deck(path, picture, lesson.title);
  const int steps = static_cast<int>(lesson.steps.size());
  int number = 0;
  for (const LessonStep& step : lesson.steps) {
    ++number;
    const std::string footer =
        lesson.title + " \u00b7 step " + std::to_string(number) + " of " + std::to_string(steps);
    // The figure first: the text's live fields ({{value:NAME}}) are filled from it.
    plot::Figure figure;
    const bool has_text = !step.text.empty() || step.question || step.animation;
    try {
      // The step where it settles: at the end of its animation, as the next step goes on.
      figure = step_figure(step, deck.figure_request(has_text), true);
    } catch (const std::exception& e) {
      err << format_problem(lesson_path, {step.line, "step '" + step.title + "': " + e.what()})
          << "\n";
      return 1;
    }
    DeckPage page;
    page.title = step.title;
    page.footer = footer;
    for (const TextBlock& block : fill_fields(step.text, &figure)) {
      page.text.push_back(
          {spans_of(block.spans), block.kind == TextBlock::Kind::ListItem, 1.0f, false});
    }
    std::vector<DeckSpan> ask, answer;
    if (step.question) {
      ask = spans_of(fill_fields(step.question->ask, &figure));
      answer = spans_of(fill_fields(step.question->answer, &figure));
      page.text.push_back(heading("Question"));
      page.text.push_back({ask, false, 1.0f, false});
    }
    if (step.animation) {
      page.text.push_back({{{animation_note(*step.animation)}}, false, 0.8f, true});
    }
    page.figure = figure;
    deck.add_page(std::move(page));
    if (step.question) {
      DeckPage reveal;
      reveal.title = step.title + " \u2014 answer";
      reveal.footer = footer;
      reveal.figure = std::move(figure);
      reveal.text.push_back(heading("Question"));
      reveal.text.push_back({ask, false, 1.0f, false});
      reveal.text.push_back(heading("Answer"));
      reveal.text.push_back({answer, false, 1.0f, false});
      deck.add_page(std::move(reveal));
    }
  }
  try {
    deck.commit();
  } catch (const std::exception& e) {
    err << "peviz lesson export: " << one_line(e.what()) << "\n";
    return 2;
  }
  out << path << ": " << deck.pages() << " pages\n";
  return 0;
}

}  // namespace peviz
