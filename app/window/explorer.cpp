#include "explorer.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/params/param_io.hpp"
#include "app/params/param_widgets.hpp"
#include "app/views/registry.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

constexpr Scheme kSchemes[] = {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope,
                               Scheme::Alibi,      Scheme::T5,      Scheme::Nope};

bool lists(const View& v, Scheme s) {
  const std::vector<Scheme> schemes = v.schemes();
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

void section(const char* title, const Fonts& fonts) {
  ImGui::Spacing();
  ImGui::PushFont(fonts.title);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
}

}  // namespace

Explorer::Explorer() : views_(make_views()), states_(views_.size()) {}

std::vector<std::string> Explorer::view_names() const {
  std::vector<std::string> names;
  for (const auto& v : views_) names.emplace_back(v->name());
  return names;
}

void Explorer::select_view(const std::string& name) {
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (name == views_[i]->name()) {
      current_ = static_cast<int>(i);
      if (!lists(*views_[i], shared_.scheme)) shared_.scheme = views_[i]->schemes().front();
      return;
    }
  }
  std::string names;
  for (const std::string& n : view_names()) names += (names.empty() ? "" : ", ") + n;
  throw InvalidArgument("unknown view '" + name + "' (choose " + names + ")");
}

void Explorer::set_param(const std::string& name, const std::string& value) {
  ParamSetter own(name, value);
  views_[current_]->visit(own);
  if (own.found()) return;
  ParamSetter shared(name, value);
  shared_.visit(shared);
  if (!shared.found()) {
    throw InvalidArgument("unknown option --" + name + " for view '" + views_[current_]->name() +
                          "' (see peviz --help)");
  }
  // A scheme the active view does not show moves to that scheme's first view.
  if (name == "scheme") select_scheme(shared_.scheme);
}

std::string Explorer::options_help() {
  ParamHelp shared;
  shared_.visit(shared);
  std::string text = "Model options (every view):\n" + shared.text();
  for (auto& v : views_) {
    ParamHelp own;
    v->visit(own);
    if (!own.text().empty()) text += std::string("\nView ") + v->name() + ":\n" + own.text();
  }
  return text;
}

nlohmann::json Explorer::save() {
  nlohmann::json out;
  out["view"] = views_[current_]->name();
  JsonWriter shared(out["shared"]);
  shared_.visit(shared);
  for (auto& v : views_) {
    nlohmann::json& j = out["views"][v->name()];
    j = nlohmann::json::object();
    JsonWriter w(j);
    v->visit(w);
  }
  return out;
}

void Explorer::load(const nlohmann::json& settings) {
  if (!settings.is_object()) return;
  if (const auto it = settings.find("shared"); it != settings.end() && it->is_object()) {
    JsonReader r(*it);
    shared_.visit(r);
  }
  if (const auto views = settings.find("views"); views != settings.end() && views->is_object()) {
    for (auto& v : views_) {
      if (const auto it = views->find(v->name()); it != views->end() && it->is_object()) {
        JsonReader r(*it);
        v->visit(r);
      }
    }
  }
  if (const auto it = settings.find("view"); it != settings.end() && it->is_string()) {
    try {
      select_view(it->get<std::string>());
    } catch (const InvalidArgument&) {
      // a view of another version: keep the default
    }
  }
  if (!lists(*views_[current_], shared_.scheme)) select_scheme(shared_.scheme);
}

void Explorer::select_scheme(Scheme scheme) {
  shared_.scheme = scheme;
  if (lists(*views_[current_], scheme)) return;
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (lists(*views_[i], scheme)) {
      current_ = static_cast<int>(i);
      return;
    }
  }
}

std::string Explorer::key_for(int view, const plot::FigureRequest& request) {
  ParamDescriber d;
  shared_.visit(d);
  views_[view]->visit(d);
  std::string key = d.text() + "|" + std::to_string(request.width) + "x" + std::to_string(request.height);
  for (const auto& [id, w] : request.windows) {
    key += "|" + id + ":" + std::to_string(w.x_lo) + "," + std::to_string(w.x_hi) + "," +
           std::to_string(w.y_lo) + "," + std::to_string(w.y_hi);
  }
  return key;
}

bool Explorer::settled() const {
  return !worker_.busy() && states_[current_].figure.has_value() && ticket_view_ == current_ &&
         !states_[current_].key.empty();
}

void Explorer::keyboard() {
  if (ImGui::GetIO().WantTextInput) return;
  std::vector<int> family;
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (lists(*views_[i], shared_.scheme)) family.push_back(static_cast<int>(i));
  }
  const auto at = std::find(family.begin(), family.end(), current_);
  if (at == family.end() || family.empty()) return;
  const std::size_t k = static_cast<std::size_t>(at - family.begin());
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) current_ = family[(k + 1) % family.size()];
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) {
    current_ = family[(k + family.size() - 1) % family.size()];
  }
  if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed('0')) states_[current_].widget.reset_zoom();
}

void Explorer::sidebar(const Fonts& fonts, float width, float height) {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.95f, 0.96f, 0.98f, 1.0f));
  ImGui::Begin("sidebar", nullptr, fixed);
  ImGui::PushItemWidth(width * 0.5f);

  // Schemes: chosen in one place, the views follow.
  section("Scheme", fonts);
  const float button_w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
  for (int i = 0; i < 6; ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    const bool on = shared_.scheme == kSchemes[i];
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(scheme_title(kSchemes[i]), ImVec2(button_w, 0))) select_scheme(kSchemes[i]);
    if (on) ImGui::PopStyleColor();
  }
  section("View", fonts);
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (!lists(*views_[i], shared_.scheme)) continue;
    if (ImGui::Selectable(views_[i]->title(), current_ == static_cast<int>(i))) current_ = static_cast<int>(i);
  }

  View& view = *views_[current_];
  section("Parameters", fonts);
  ParamEditor shared_editor(view.shared_fields(shared_));
  shared_.visit(shared_editor);
  ParamEditor own_editor;
  view.visit(own_editor);
  view.extra_controls();

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextWrapped("%s", view.explanation(shared_).c_str());
  if (!readout_.empty()) {
    ImGui::Separator();
    for (const std::string& l : readout_) ImGui::TextWrapped("%s", l.c_str());
  }
  ImGui::PopItemWidth();
  ImGui::End();
  ImGui::PopStyleColor();
}

void Explorer::main_area(const Fonts& fonts, const plot::Style& style, ImVec2 pos, ImVec2 size) {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(style.background.r, style.background.g, style.background.b, 1));
  ImGui::Begin("view", nullptr, fixed);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ViewState& state = states_[current_];
  const plot::FigureRequest request =
      state.widget.request(static_cast<int>(avail.x), static_cast<int>(avail.y));
  const std::string key = key_for(current_, request);
  if (key != state.key) {
    state.key = key;
    ticket_ = worker_.submit(views_[current_]->builder(shared_, request));
    ticket_view_ = current_;
  }
  if (std::optional<FigureResult> done = worker_.take(); done && done->ticket == ticket_ && ticket_view_ >= 0) {
    ViewState& target = states_[ticket_view_];
    target.error = done->error;
    target.seconds = done->seconds;
    if (done->error.empty()) target.figure = std::move(done->figure);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (state.figure) {
    state.widget.draw(*state.figure, avail, style, fonts.body, fonts.title, cursor_);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!state.error.empty()) {
    const std::string msg = "Cannot draw this: " + state.error;
    draw->AddRectFilled(ImVec2(origin.x, origin.y + avail.y - 40), ImVec2(origin.x + avail.x, origin.y + avail.y),
                        IM_COL32(255, 236, 230, 255));
    draw->AddText(ImVec2(origin.x + 12, origin.y + avail.y - 32), IM_COL32(150, 30, 0, 255), msg.c_str());
  }
  if (worker_.busy()) {
    const float p = static_cast<float>(worker_.progress());
    const ImVec2 a(origin.x + avail.x - 260, origin.y + 6), b(origin.x + avail.x - 10, origin.y + 30);
    draw->AddRectFilled(a, b, IM_COL32(240, 242, 246, 255), 4.0f);
    draw->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * p, b.y), IM_COL32(86, 180, 233, 255), 4.0f);
    const std::string t = "computing\xE2\x80\xA6 " + std::to_string(static_cast<int>(p * 100)) + "%";
    draw->AddText(ImVec2(a.x + 10, a.y + 2), IM_COL32(20, 20, 26, 255), t.c_str());
  }
  readout_.clear();
  const plot::HoverState& hover = state.widget.hover();
  if (hover.active && state.figure && hover.panel < static_cast<int>(state.figure->panels.size())) {
    readout_ = plot::readout_lines(state.figure->panels[hover.panel], hover.x, hover.y);
  }
  ImGui::End();
  ImGui::PopStyleColor();
}

void Explorer::frame(const Fonts& fonts, const plot::Style& style, double seconds) {
  keyboard();
  views_[current_]->tick(seconds);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float sidebar_w = std::clamp(vp->Size.x * 0.27f, 340.0f, 520.0f);
  sidebar(fonts, sidebar_w, vp->Size.y);
  main_area(fonts, style, ImVec2(vp->Pos.x + sidebar_w, vp->Pos.y), ImVec2(vp->Size.x - sidebar_w, vp->Size.y));
}

}  // namespace peviz
