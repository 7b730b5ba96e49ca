#include "lesson_player.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <system_error>

#include "app/views/view_util.hpp"
#include "explorer.hpp"
#include "rich_text.hpp"

namespace peviz {
namespace {

ImU32 u32(plot::Color c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

std::filesystem::file_time_type modified(const std::filesystem::path& path) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(path, ec);
  return ec ? std::filesystem::file_time_type{} : t;
}

std::vector<std::string> formatted(const std::string& file, const std::vector<LessonProblem>& problems) {
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
  path_ = path;
  mtime_ = modified(path);
  go(0, explorer);
  return true;
}

void LessonPlayer::close() {
  lesson_.reset();
  problems_.clear();
  path_.clear();
  playing_ = false;
}

void LessonPlayer::go(int index, Explorer& explorer) {
  if (!lesson_ || lesson_->steps.empty()) return;
  step_ = std::clamp(index, 0, step_count() - 1);
  revealed_ = false;
  anim_t_ = 0.0;
  anim_text_.clear();
  playing_ = lesson_->steps[step_].animation.has_value();
  apply(explorer);
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
    problems_ = {path_.string() + ":" + std::to_string(s.line) + ": " + e.what()};
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
    problems_ = {path_.string() + ":" + std::to_string(anim->line) + ": " + e.what()};
    playing_ = false;
  }
  if (anim_t_ >= anim->seconds) playing_ = false;
}

bool LessonPlayer::file_changed() const {
  return !path_.empty() && modified(path_) != mtime_;
}

void LessonPlayer::reload_if_changed(Explorer& explorer) {
  if (path_.empty()) return;
  const auto t = modified(path_);
  if (t == mtime_) return;
  mtime_ = t;
  const LessonParse parsed = load_lesson(path_);
  if (!parsed.ok()) {
    problems_ = formatted(path_.string(), parsed.problems);  // the last good lesson stays
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
    if (ImGui::IsKeyPressed(GLFW_KEY_0 + k, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_0 + k, false)) {
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
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(style.background.r, style.background.g,
                                                  style.background.b, 1.0f));
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
  const auto text_block = [&](const std::vector<TextBlock>& blocks, plot::Color color, float scale) {
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
  text_block(spans_block(plain(lesson_->title + "  \xC2\xB7  step " + std::to_string(step_ + 1) + " of " +
                               std::to_string(step_count()))),
             style.muted, 0.8f);
  y += font * 0.3f;
  text_block(spans_block(plain(s.title, true)), style.text, 1.35f);
  y += font * 0.6f;
  text_block(s.text, style.text, 1.0f);

  if (s.question) {
    y += font * 1.0f;
    const float top = y;
    y += font * 0.5f;
    std::vector<TextSpan> ask = plain("Predict: ", true);
    ask.insert(ask.end(), s.question->ask.begin(), s.question->ask.end());
    text_block(spans_block(ask), style.text, 1.0f);
    y += font * 0.4f;
    if (revealed_) {
      std::vector<TextSpan> answer = plain("Answer: ", true);
      answer.insert(answer.end(), s.question->answer.begin(), s.question->answer.end());
      text_block(spans_block(answer), style.good, 1.0f);
    } else {
      text_block(spans_block(plain("Press R to reveal the answer.")), style.muted, 0.85f);
    }
    y += font * 0.5f;
    draw->ChannelsSetCurrent(0);  // behind the text
    draw->AddRectFilled(ImVec2(x - font * 0.4f, top), ImVec2(x + width + font * 0.4f, y),
                        u32(style.surface), 6.0f);
    draw->ChannelsSetCurrent(1);
    y += font * 0.4f;
  }
  if (s.animation) {
    const Animation& a = *s.animation;
    y += font * 0.6f;
    text_block(spans_block(plain(fmt("%s %s: %s \xE2\x86\x92 %s over %.0f s  (%.1f s)  \xC2\xB7  P %s",
                                     playing_ ? "\xE2\x96\xB6" : "\xE2\x9D\x9A\xE2\x9D\x9A",
                                     a.param.c_str(), num(a.from).c_str(), num(a.to).c_str(),
                                     a.seconds, anim_t_, playing_ ? "pauses" : "plays"))),
               style.muted, 0.85f);
  }
  // Buttons along the bottom; the keys do the same (the hint above them says which).
  const float button_h = ImGui::GetFrameHeight();
  {
    const std::string hint =
        "\xE2\x86\x92 next  \xC2\xB7  \xE2\x86\x90 back  \xC2\xB7  R reveal  \xC2\xB7  ? keys";
    ImFont* f = fonts.body != nullptr ? fonts.body : ImGui::GetFont();
    const ImVec2 at(x, pos.y + size.y - pad - button_h - font * 1.3f);
    draw->AddText(f, font * 0.75f, at, u32(style.muted), hint.c_str());
    const ImVec2 hs = f->CalcTextSizeA(font * 0.75f, FLT_MAX, 0.0f, hint.c_str());
    audit_.text(hint, {at.x, at.y, at.x + hs.x, at.y + hs.y}, column);
  }
  ImGui::SetCursorScreenPos(ImVec2(x, pos.y + size.y - pad - button_h));
  if (ImGui::Button("\xE2\x97\x80 Back")) previous(explorer);
  audit_item("Back");
  ImGui::SameLine();
  if (ImGui::Button("Next \xE2\x96\xB6")) next(explorer);
  audit_item("Next");
  if (s.question) {
    ImGui::SameLine();
    if (ImGui::Button(revealed_ ? "Hide (R)" : "Reveal (R)")) reveal();
    audit_item("Reveal");
  }
  if (s.animation) {
    ImGui::SameLine();
    if (ImGui::Button(playing_ ? "Pause (P)" : "Play (P)")) toggle_play();
    audit_item("Play");
  }
  draw->ChannelsMerge();
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace peviz
