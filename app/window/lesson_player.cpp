// The lesson player (lesson_player.hpp): steps onto the explorer, animation time, reloads.
#include "lesson_player.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

#include "app/views/view_util.hpp"
#include "explorer.hpp"
#include "rich_text.hpp"

namespace peviz {
namespace {

ImU32 u32(plot::Color c) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

std::vector<std::string> formatted(const std::string& file,
                                   const std::vector<LessonProblem>& problems) {
  std::vector<std::string> out;
  for (const LessonProblem& p : problems) out.push_back(format_problem(file, p));
  return out;
}

}  // namespace

bool LessonPlayer::open(const std::filesystem::path& path, Explorer& explorer) {
  const LessonParse parsed = load_lesson(path);
  if (!parsed.ok()) {
    problems_ = formatted(path.string(), parsed.problems);
    return false;
  }
  problems_.clear();
  lesson_ = *parsed.lesson;
  file_.watch(path);
  go(0, explorer);
  return true;
}

void LessonPlayer::close() {
  lesson_.reset();
  problems_.clear();
  file_.clear();
  playing_ = false;
}

void LessonPlayer::next(Explorer& explorer) {
  if (page_ >= 0 && page_ + 1 < page_count_) {
    ++page_;
    return;
  }
  if (step_ + 1 < step_count()) go(step_ + 1, explorer);
}

void LessonPlayer::previous(Explorer& explorer) {
  if (page_ > 0) {
    --page_;
    return;
  }
  if (step_ == 0) return;
  go(step_ - 1, explorer);
  page_ = -1;  // the step's last page, once the column knows how many there are
}

void LessonPlayer::go(int index, Explorer& explorer) {
  if (!lesson_ || lesson_->steps.empty()) return;
  page_ = 0;
  page_count_ = 1;
  step_ = std::clamp(index, 0, step_count() - 1);
  revealed_ = false;
  anim_t_ = 0.0;
  anim_text_.clear();
  playing_ = lesson_->steps[step_].animation.has_value();
  frames_since_go_ = 0;
  fields_step_ = -1;
  apply(explorer);
}

const plot::Figure* LessonPlayer::field_figure(const Explorer& explorer) const {
  if (!lesson_ || fields_step_ != step_ || !explorer.figure()) return nullptr;
  return &*explorer.figure();
}

void LessonPlayer::apply(Explorer& explorer) {
  const LessonStep& s = lesson_->steps[step_];
  try {
    explorer.set_compare(false);
    // The scheme first (it may move to another view), then the view, then the rest.
    for (const auto& [name, value] : s.shared) {
      if (name == "scheme") explorer.set_param(name, value);
    }
    explorer.select_view(s.view);
    for (const auto& [name, value] : s.shared) {
      if (name != "scheme") explorer.set_param(name, value);
    }
    for (const auto& [name, value] : s.view_params) explorer.set_param(name, value);
    set_animated(explorer);
  } catch (const std::exception& e) {
    problems_ = {path().string() + ":" + std::to_string(s.line) + ": " + e.what()};
  }
}

void LessonPlayer::set_animated(Explorer& explorer) {
  const auto& anim = lesson_->steps[step_].animation;
  if (!anim) return;
  const std::string text = anim->text_at(anim_t_);
  if (text == anim_text_) return;
  anim_text_ = text;
  explorer.set_param(anim->param, text);
}

void LessonPlayer::toggle_play() {
  if (!lesson_) return;
  const auto& anim = lesson_->steps[step_].animation;
  if (!anim) return;
  if (!playing_ && anim_t_ >= anim->seconds) anim_t_ = 0.0;  // ended: play again
  playing_ = !playing_;
}

void LessonPlayer::tick(double seconds, Explorer& explorer) {
  since_poll_ += seconds;
  if (since_poll_ >= 0.5) {
    since_poll_ = 0.0;
    reload_if_changed(explorer);
  }
  if (!lesson_ || !playing_) return;
  const auto& anim = lesson_->steps[step_].animation;
  if (!anim) {
    playing_ = false;
    return;
  }
  anim_t_ = std::min(anim->seconds, anim_t_ + seconds);
  try {
    set_animated(explorer);
  } catch (const std::exception& e) {
    problems_ = {path().string() + ":" + std::to_string(anim->line) + ": " + e.what()};
    playing_ = false;
  }
  if (anim_t_ >= anim->seconds) playing_ = false;
}

bool LessonPlayer::file_changed() const {
  return file_.changed();
}

void LessonPlayer::reload_if_changed(Explorer& explorer) {
  if (!file_.take_change()) return;
  const LessonParse parsed = load_lesson(file_.path());
  if (!parsed.ok()) {
    problems_ = formatted(file_.path().string(), parsed.problems);  // the last good lesson stays
    return;
  }
  problems_.clear();
  lesson_ = *parsed.lesson;
  const bool was_revealed = revealed_;
  go(step_, explorer);
  revealed_ = was_revealed;
}

bool LessonPlayer::keyboard(Explorer& explorer) {
  if (!lesson_ || ImGui::GetIO().WantTextInput) return false;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl || io.KeyAlt || io.KeySuper) return false;
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
  if (pressed(GLFW_KEY_RIGHT) || pressed(GLFW_KEY_SPACE) || pressed(GLFW_KEY_PAGE_DOWN)) {
    next(explorer);
    return true;
  }
  if (pressed(GLFW_KEY_LEFT) || pressed(GLFW_KEY_PAGE_UP)) {
    previous(explorer);
    return true;
  }
  if (pressed(GLFW_KEY_HOME)) {
    go(0, explorer);
    return true;
  }
  if (pressed(GLFW_KEY_END)) {
    go(step_count() - 1, explorer);
    return true;
  }
  for (int k = 1; k <= 9; ++k) {
    if (ImGui::IsKeyPressed(GLFW_KEY_0 + k, false) ||
        ImGui::IsKeyPressed(GLFW_KEY_KP_0 + k, false)) {
      go(k - 1, explorer);
      return true;
    }
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) {
    reveal();
    return true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) {
    toggle_play();
    return true;
  }
  return false;
}

void LessonPlayer::draw(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size,
                        Explorer& explorer) {
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImVec4(style.background.r, style.background.g, style.background.b, 1.0f));
  ImGui::Begin("##lesson", nullptr, flags);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);  // 0: boxes, 1: text and buttons
  draw->ChannelsSetCurrent(1);
  const float font = style.font_size;
  const float pad = font * 0.9f;
  const float width = size.x - 2.0f * pad;
  // A thin rule separates the lesson from the figure.
  draw->AddLine(pos, ImVec2(pos.x, pos.y + size.y), u32(style.grid), 2.0f);
  RichFonts rich{fonts.body, fonts.title, fonts.italic, fonts.bold_italic, font};
  const TextMeasure measure = rich.measure();
  float y = pos.y + pad;
  const float x = pos.x + pad;
  // Every run of text and every button is audited against the column (--tour).
  audit_.clear();
  const plot::Rect column{pos.x, pos.y, pos.x + size.x, pos.y + size.y};
  const auto text_block = [&](const std::vector<TextBlock>& blocks, plot::Color color,
                              float scale) {
    RichFonts f = rich;
    f.size = font * scale;
    const TextMeasure m = f.measure();
    const RichLayout l = layout_rich_text(blocks, width, f.size * 1.35f, m);
    draw_rich_text(draw, l, ImVec2(x, y), f, u32(color));
    for (const PlacedRun& r : l.runs) {
      const float w = m(r.text, r.bold, r.italic);
      audit_.text(r.text, {x + r.x, y + r.y, x + r.x + w, y + r.y + f.size}, column);
    }
    y += l.height;
  };
  const auto audit_item = [&](const char* label) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    audit_.text(label, {a.x, a.y, b.x, b.y}, column);
  };
  const auto spans_block = [](const std::vector<TextSpan>& spans) {
    TextBlock b;
    b.spans = spans;
    return std::vector<TextBlock>{b};
  };
  const auto plain = [](const std::string& text, bool bold = false) {
    return std::vector<TextSpan>{{text, bold, false}};
  };

  if (!problems_.empty()) {
    std::vector<TextBlock> blocks;
    for (const std::string& p : problems_) blocks.push_back(spans_block(plain(p)).front());
    const float top = y;
    y += font * 0.4f;
    text_block(spans_block(plain("The lesson file has problems:", true)), style.bad, 0.9f);
    text_block(blocks, style.text, 0.8f);
    y += font * 0.4f;
    draw->AddRect(ImVec2(x - font * 0.4f, top), ImVec2(x + width + font * 0.4f, y), u32(style.bad),
                  4.0f, 0, 2.0f);
    y += font * 0.8f;
  }
  if (!lesson_) {
    draw->ChannelsMerge();
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  const LessonStep& s = lesson_->steps[step_];
  // Live fields: from the explorer's figure once it shows this step (the explorer draws
  // before the column, so a frame after go() its figure is built from this step's
  // parameters when it is settled); during an animation it stays this step's figure.
  if (frames_since_go_ > 0 && fields_step_ != step_ && explorer.settled()) fields_step_ = step_;
  ++frames_since_go_;
  const plot::Figure* live = field_figure(explorer);
  // The column, top to bottom: a header (lesson, step, page; the step's title) on every
  // page, the step's text blocks and its question box in pages that fit above the footer
  // (hints and buttons, wrapped to the width), so that no word is cut or drawn over
  // another at any text size: a long step is shown in pages, Right turns them.
  const auto block_layout = [&](const std::vector<TextBlock>& blocks, float scale) {
    RichFonts f = rich;
    f.size = font * scale;
    return layout_rich_text(blocks, width, f.size * 1.35f, f.measure());
  };
  // The footer first: its height is what the pages may not use.
  // A short column (large text on a small screen: fewer than 22 lines of body text) is
  // compact: no key hints (the buttons say it), short button labels, the lesson's name
  // left to the window's title bar, the step title less large. Nothing gets smaller than
  // the body text.
  const bool compact = size.y / font < 22.0f;
  const std::string hint_text =
      compact ? std::string() : "→ next  ·  ← back  ·  R reveal  ·  ? keys";
  const RichLayout hint =
      hint_text.empty() ? RichLayout{} : block_layout(spans_block(plain(hint_text)), 0.75f);
  std::vector<std::string> labels = {compact ? "◀" : "◀ Back", compact ? "▶" : "Next ▶"};
  enum class Press { Back, Next, Reveal, Play };
  std::vector<Press> presses = {Press::Back, Press::Next};
  if (s.question) {
    labels.push_back(compact ? "R" : revealed_ ? "Hide (R)" : "Reveal (R)");
    presses.push_back(Press::Reveal);
  }
  if (s.animation) {
    labels.push_back(compact ? "P" : playing_ ? "Pause (P)" : "Play (P)");
    presses.push_back(Press::Play);
  }
  const float title_scale = compact ? 1.1f : 1.35f;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float button_h = ImGui::GetFrameHeight();
  std::vector<ImVec2> button_at;  // relative to the footer's top-left
  {
    float bx = 0.0f, by = 0.0f;
    for (const std::string& label : labels) {
      const float w = ImGui::CalcTextSize(label.c_str()).x + 2.0f * st.FramePadding.x;
      if (bx > 0.0f && bx + w > width) {
        bx = 0.0f;
        by += button_h + st.ItemSpacing.y;
      }
      button_at.push_back({bx, by});
      bx += w + st.ItemSpacing.x;
    }
  }
  const float buttons_h = button_at.empty() ? 0.0f : button_at.back().y + button_h;
  const float footer_h = (hint_text.empty() ? 0.0f : hint.height + font * 0.5f) + buttons_h;
  const float footer_top = pos.y + size.y - pad - footer_h;

  // The body items of the step, with their heights.
  struct Item {
    RichLayout layout;
    plot::Color color;
    float scale = 1.0f;
    bool question = false;  // drawn in the question's box, with `second` below
    float before = 0.0f;    // space above
    RichLayout second;      // the question's answer (or how to reveal it)
    plot::Color second_color;
    float second_scale = 1.0f;
    float height(float font) const {
      return before + layout.height + (question ? font * 1.4f + second.height : 0.0f);
    }
  };
  std::vector<Item> items;
  for (const TextBlock& b : fill_fields(s.text, live))
    items.push_back({block_layout({b}, 1.0f), style.text, 1.0f, false, 0.0f});
  if (s.question) {
    std::vector<TextSpan> ask = plain("Predict: ", true);
    const std::vector<TextSpan> asked = fill_fields(s.question->ask, live);
    ask.insert(ask.end(), asked.begin(), asked.end());
    Item q;
    q.layout = block_layout(spans_block(ask), 1.0f);
    q.color = style.text;
    q.question = true;
    q.before = font * 1.0f;
    if (revealed_) {
      std::vector<TextSpan> answer = plain("Answer: ", true);
      const std::vector<TextSpan> answered = fill_fields(s.question->answer, live);
      answer.insert(answer.end(), answered.begin(), answered.end());
      q.second = block_layout(spans_block(answer), 1.0f);
      q.second_color = style.good;
    } else {
      q.second = block_layout(spans_block(plain("Press R to reveal the answer.")), 0.85f);
      q.second_color = style.muted;
      q.second_scale = 0.85f;
    }
    items.push_back(std::move(q));
  }
  if (s.animation) {
    const Animation& a = *s.animation;
    items.push_back(
        {block_layout(spans_block(plain(fmt("%s %s: %s → %s over %.0f s  (%.1f s)  ·  P %s",
                                            playing_ ? "▶" : "❚❚", a.param.c_str(),
                                            num(a.from).c_str(), num(a.to).c_str(), a.seconds,
                                            anim_t_, playing_ ? "pauses" : "plays"))),
                      0.85f),
         style.muted, 0.85f, false, font * 0.6f});
  }
  const std::string status_base = (compact ? std::string() : lesson_->title + "  ·  ") + "step " +
                                  std::to_string(step_ + 1) + " of " + std::to_string(step_count());
  const RichLayout title_layout = block_layout(spans_block(plain(s.title, true)), title_scale);
  // The header's height, with the page count it may name (two passes: the count changes
  // the status line only by a few words, which may add a line).
  const auto header_h = [&](int pages) {
    const std::string status = pages > 1 ? status_base + "  ·  page 9 of 9" : status_base;
    return block_layout(spans_block(plain(status)), 0.8f).height + font * 0.3f +
           title_layout.height + font * 0.6f;
  };
  // Pages: items in order while they fit; a question box keeps its box whole.
  // An item taller than a page is cut into items of whole lines (a question's box then goes:
  // its lines become plain text).
  const float more_h = block_layout(spans_block(plain("→ continued")), 0.8f).height + font * 0.6f;
  const auto split_tall = [&](float room) {
    std::vector<Item> out;
    const auto split = [&](const RichLayout& l, float scale, plot::Color color, float before) {
      const float line_h = font * scale * 1.35f;
      if (before + l.height <= room) {
        out.push_back({l, color, scale, false, before, {}, {}, 1.0f});
        return;
      }
      RichLayout chunk;
      float start = 0.0f, last_y = -1.0f;
      for (const PlacedRun& r : l.runs) {
        if (r.y != last_y && r.y + line_h - start > room && !chunk.runs.empty()) {
          chunk.height = last_y + line_h - start;
          out.push_back({chunk, color, scale, false, out.empty() ? before : 0.0f, {}, {}, 1.0f});
          chunk = {};
          start = r.y;
        }
        last_y = r.y;
        PlacedRun moved = r;
        moved.y -= start;
        chunk.runs.push_back(moved);
      }
      chunk.height = l.height - start;
      out.push_back({chunk, color, scale, false, 0.0f, {}, {}, 1.0f});
    };
    for (const Item& item : items) {
      if (item.height(font) <= room) {
        out.push_back(item);
      } else if (!item.question) {
        split(item.layout, item.scale, item.color, item.before);
      } else {
        split(item.layout, item.scale, item.color, item.before);
        split(item.second, item.second_scale, item.second_color, font * 0.4f);
      }
    }
    return out;
  };
  const auto paginate = [&](float room) {
    std::vector<std::vector<std::size_t>> pages(1);
    float used = 0.0f;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const float h = items[i].height(font);
      if (used > 0.0f && used + h > room) {
        pages.emplace_back();
        used = 0.0f;
      }
      pages.back().push_back(i);
      used += h;
    }
    return pages;
  };
  const float body_room = footer_top - (pos.y + pad) - header_h(1);
  std::vector<std::vector<std::size_t>> pages = paginate(body_room);
  float first_page_h = 0.0f;
  for (std::size_t i : pages.front()) first_page_h += items[i].height(font);
  if (pages.size() > 1 || first_page_h > body_room) {
    // More than a page: every page but the last says "continued", and the header names pages.
    const float room = footer_top - (pos.y + pad) - header_h(2) - more_h;
    items = split_tall(room);
    pages = paginate(room);
  }
  page_count_ = static_cast<int>(pages.size());
  if (page_ < 0 || page_ >= page_count_) page_ = page_ < 0 ? page_count_ - 1 : page_count_ - 1;

  const std::string status = page_count_ > 1
                                 ? status_base + "  ·  page " + std::to_string(page_ + 1) + " of " +
                                       std::to_string(page_count_)
                                 : status_base;
  text_block(spans_block(plain(status)), style.muted, 0.8f);
  y += font * 0.3f;
  text_block(spans_block(plain(s.title, true)), style.text, title_scale);
  y += font * 0.6f;
  const auto draw_layout = [&](const RichLayout& l, float scale, plot::Color color) {
    RichFonts f = rich;
    f.size = font * scale;
    draw_rich_text(draw, l, ImVec2(x, y), f, u32(color));
    const TextMeasure m = f.measure();
    for (const PlacedRun& r : l.runs) {
      audit_.text(r.text,
                  {x + r.x, y + r.y, x + r.x + m(r.text, r.bold, r.italic), y + r.y + f.size},
                  column);
    }
    y += l.height;
  };
  for (std::size_t i : pages[static_cast<std::size_t>(page_)]) {
    const Item& item = items[i];
    y += item.before;
    if (!item.question) {
      draw_layout(item.layout, item.scale, item.color);
      continue;
    }
    // The question in its box (behind the text); the answer in the colour of a right one.
    const float top = y;
    y += font * 0.5f;
    draw_layout(item.layout, item.scale, item.color);
    y += font * 0.4f;
    draw_layout(item.second, item.second_scale, item.second_color);
    y += font * 0.5f;
    draw->ChannelsSetCurrent(0);  // behind the text
    draw->AddRectFilled(ImVec2(x - font * 0.4f, top), ImVec2(x + width + font * 0.4f, y),
                        u32(style.surface), 6.0f);
    draw->ChannelsSetCurrent(1);
  }
  if (page_ + 1 < page_count_) {
    const RichLayout more = block_layout(spans_block(plain("→ continued")), 0.8f);
    RichFonts f = rich;
    f.size = font * 0.8f;
    const float my = footer_top - more.height - font * 0.3f;
    draw_rich_text(draw, more, ImVec2(x, my), f, u32(style.muted));
    for (const PlacedRun& r : more.runs) {
      audit_.text(
          r.text,
          {x + r.x, my + r.y, x + r.x + f.measure()(r.text, r.bold, r.italic), my + r.y + f.size},
          column);
    }
  }

  // The footer: the keys (wrapped), then the buttons in rows that fit the width.
  {
    RichFonts f = rich;
    f.size = font * 0.75f;
    draw_rich_text(draw, hint, ImVec2(x, footer_top), f, u32(style.muted));
    const TextMeasure m = f.measure();
    for (const PlacedRun& r : hint.runs) {
      audit_.text(r.text,
                  {x + r.x, footer_top + r.y, x + r.x + m(r.text, r.bold, r.italic),
                   footer_top + r.y + f.size},
                  column);
    }
  }
  const float buttons_top = footer_top + (hint_text.empty() ? 0.0f : hint.height + font * 0.5f);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(x + button_at[i].x, buttons_top + button_at[i].y));
    if (ImGui::Button(labels[i].c_str())) {
      switch (presses[i]) {
        case Press::Back:
          previous(explorer);
          break;
        case Press::Next:
          next(explorer);
          break;
        case Press::Reveal:
          reveal();
          break;
        case Press::Play:
          toggle_play();
          break;
      }
    }
    audit_item(labels[i].c_str());
  }
  draw->ChannelsMerge();
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace peviz
