#include "explorer.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/compare/compare.hpp"
#include "app/params/param_io.hpp"
#include "app/views/registry.hpp"
#include "app/window/param_widgets.hpp"
#include "core/validate.hpp"

namespace peviz {
namespace {

// Views fit their text to the size they are asked for, assuming 20-pixel fonts: with
// larger text (presentation mode, + key) they are asked for the size divided by this,
// as an export at --scale 2 is laid out at half its pixels.
float text_scale(const plot::Style& style) {
  return std::max(0.25f, style.font_size / 20.0f);
}

constexpr Scheme kSchemes[] = {Scheme::Sinusoidal, Scheme::Learned, Scheme::Rope,
                               Scheme::Alibi,      Scheme::T5,      Scheme::Nope};

bool lists(const View& v, Scheme s) {
  const std::vector<Scheme> schemes = v.schemes();
  return std::find(schemes.begin(), schemes.end(), s) != schemes.end();
}

// Copies every parameter of `from` into `to` (two instances of the same view).
void copy_params(View& from, View& to) {
  nlohmann::json j = nlohmann::json::object();
  JsonWriter w(j);
  from.visit(w);
  JsonReader r(j);
  to.visit(r);
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
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
      if (!spec_.empty()) {
        apply_compare_spec();
      } else if (compare_) {
        choose_view(current_);
      }
      return;
    }
  }
  std::string names;
  for (const std::string& n : view_names()) names += (names.empty() ? "" : ", ") + n;
  if (name == "compare") throw InvalidArgument(compare::kNotAView);
  throw InvalidArgument("unknown view '" + name + "' (choose " + names + ")");
}

void Explorer::set_param(const std::string& name, const std::string& value) {
  if (name == "compare") {
    spec_ = compare::parse_spec(value);
    apply_compare_spec();
    return;
  }
  ParamSetter own(name, value);
  views_[current_]->visit(own);
  if (!own.found()) {
    ParamSetter shared(name, value);
    shared_.visit(shared);
    if (!shared.found()) {
      throw InvalidArgument("unknown option --" + name + " for view '" + views_[current_]->name() +
                            "' (see peviz --help)");
    }
    // A scheme the active view does not show moves to that scheme's first view.
    if (name == "scheme") select_scheme(shared_.scheme);
  }
  // The panels of a --compare are the other options plus their own settings; the
  // panels of a remembered comparison take the option too.
  if (!spec_.empty()) {
    apply_compare_spec();
  } else if (compare_) {
    for (ComparePanel& p : panels_) {
      ParamSetter own_p(name, value);
      p.views[current_]->visit(own_p);
      if (own_p.found()) continue;
      ParamSetter shared_p(name, value);
      p.shared.visit(shared_p);
    }
    choose_view(current_);
  }
}

Explorer::ComparePanel Explorer::copy_panel(const SharedParams& shared,
                                            const std::vector<std::unique_ptr<View>>& views) {
  ComparePanel p;
  p.shared = shared;
  p.views = make_views();
  for (std::size_t i = 0; i < views.size() && i < p.views.size(); ++i)
    copy_params(*views[i], *p.views[i]);
  p.worker = std::make_unique<FigureWorker>();
  return p;
}

void Explorer::apply_compare_spec() {
  std::vector<ComparePanel> panels;
  for (std::size_t i = 0; i < spec_.size(); ++i) {
    ComparePanel p = copy_panel(shared_, views_);
    View& view = *p.views[current_];
    const std::string where =
        std::string("--compare panel ") + compare::letter(static_cast<int>(i)) + ": ";
    for (const auto& [name, value] : spec_[i]) {
      try {
        ParamSetter own(name, value);
        view.visit(own);
        if (own.found()) continue;
        ParamSetter shared(name, value);
        p.shared.visit(shared);
        if (!shared.found()) {
          throw InvalidArgument("unknown option '" + name + "' for view '" + view.name() +
                                "' (see peviz --help)");
        }
      } catch (const InvalidArgument& e) {
        throw InvalidArgument(where + e.what());
      }
    }
    if (!lists(view, p.shared.scheme)) {
      std::vector<std::string> shown;
      for (Scheme s : view.schemes()) shown.emplace_back(scheme_title(s));
      throw InvalidArgument(where + "view '" + view.name() + "' does not show the scheme " +
                            scheme_title(p.shared.scheme) + " (it shows " + join(shown) + ")");
    }
    const std::vector<std::string> used = compare::used_names(p.shared, view);
    for (const auto& [name, value] : spec_[i]) {
      if (std::find(used.begin(), used.end(), name) == used.end()) {
        throw InvalidArgument(where + "view '" + view.name() + "' does not use '" + name +
                              "', so the panels would not differ (it uses " + join(used) + ")");
      }
    }
    panels.push_back(std::move(p));
  }
  panels_ = std::move(panels);
  compare_ = true;
  selected_ = 0;
  merged_dirty_ = true;
  compare_widget_.reset_zoom();
}

void Explorer::set_compare(bool on) {
  if (on == compare_) return;
  if (on) {
    panels_.clear();
    panels_.push_back(copy_panel(shared_, views_));
    panels_.push_back(copy_panel(shared_, views_));
    selected_ = 1;  // B is the one to change
    compare_ = true;
    merged_dirty_ = true;
    compare_widget_.reset_zoom();
    return;
  }
  // Back to one view: panel A's parameters stay.
  shared_ = panels_[0].shared;
  for (std::size_t i = 0; i < views_.size(); ++i) copy_params(*panels_[0].views[i], *views_[i]);
  panels_.clear();
  spec_.clear();
  compare_ = false;
  selected_ = 0;
}

void Explorer::add_panel() {
  if (!compare_ || compare_count() >= compare::kMaxPanels) return;
  const ComparePanel& from = panels_[selected_];
  panels_.push_back(copy_panel(from.shared, from.views));
  selected_ = compare_count() - 1;
  merged_dirty_ = true;
}

void Explorer::choose_view(int view) {
  current_ = view;
  if (!compare_) return;
  for (ComparePanel& p : panels_) {
    if (!lists(*views_[view], p.shared.scheme)) p.shared.scheme = views_[view]->schemes().front();
  }
  merged_dirty_ = true;
  compare_widget_.reset_zoom();
}

std::string Explorer::error() const {
  if (!compare_) return states_[current_].error;
  for (int i = 0; i < compare_count(); ++i) {
    if (!panels_[i].error.empty())
      return std::string("panel ") + compare::letter(i) + ": " + panels_[i].error;
  }
  return "";
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
  text += std::string("\nCompare (the view for 2 to 4 parameter sets side by side):\n  ") +
          compare::kSyntax +
          "\n      one ';'-separated group per panel (A, B, C, D), each a ','-separated list of\n"
          "      options of the view, by the names above, set on top of the other options;\n"
          "      e.g. --view similarity --compare \"scheme=sinusoidal;scheme=learned\"\n"
          "           --view rope-decay --compare \"base=10000;base=500000\"\n";
  return text;
}

nlohmann::json Explorer::save() {
  // Comparing: panel A's parameters are the main ones, each panel's kept under "compare".
  SharedParams& main_shared = compare_ ? panels_[0].shared : shared_;
  std::vector<std::unique_ptr<View>>& main_views = compare_ ? panels_[0].views : views_;
  nlohmann::json out;
  out["view"] = views_[current_]->name();
  JsonWriter shared(out["shared"]);
  main_shared.visit(shared);
  for (auto& v : main_views) {
    nlohmann::json& j = out["views"][v->name()];
    j = nlohmann::json::object();
    JsonWriter w(j);
    v->visit(w);
  }
  if (compare_) {
    nlohmann::json& panels = out["compare"];
    panels = nlohmann::json::array();
    for (ComparePanel& p : panels_) {
      nlohmann::json entry = nlohmann::json::object();
      JsonWriter ws(entry["shared"]);
      p.shared.visit(ws);
      entry["view"] = nlohmann::json::object();
      JsonWriter wv(entry["view"]);
      p.views[current_]->visit(wv);
      panels.push_back(std::move(entry));
    }
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
  // Compare mode as it was left: the active view's parameters of every panel.
  if (const auto it = settings.find("compare"); it != settings.end() && it->is_array() &&
                                                it->size() >= 2 &&
                                                it->size() <= compare::kMaxPanels) {
    std::vector<ComparePanel> panels;
    for (const nlohmann::json& entry : *it) {
      ComparePanel p = copy_panel(shared_, views_);
      if (entry.is_object() && entry.contains("shared") && entry["shared"].is_object()) {
        JsonReader r(entry["shared"]);
        p.shared.visit(r);
      }
      if (entry.is_object() && entry.contains("view") && entry["view"].is_object()) {
        JsonReader r(entry["view"]);
        p.views[current_]->visit(r);
      }
      panels.push_back(std::move(p));
    }
    panels_ = std::move(panels);
    compare_ = true;
    selected_ = 0;
    merged_dirty_ = true;
    choose_view(current_);  // schemes the view does not show
  }
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
  return key_of(shared_, *views_[view], request);
}

std::string Explorer::key_of(SharedParams& shared, View& view, const plot::FigureRequest& request) {
  ParamDescriber d;
  shared.visit(d);
  view.visit(d);
  std::string key =
      d.text() + "|" + std::to_string(request.width) + "x" + std::to_string(request.height);
  for (const auto& [id, w] : request.windows) {
    key += "|" + id + ":" + std::to_string(w.x_lo) + "," + std::to_string(w.x_hi) + "," +
           std::to_string(w.y_lo) + "," + std::to_string(w.y_hi);
  }
  return key;
}

std::vector<plot::TextProblem> Explorer::text_problems() const {
  return compare_ ? compare_widget_.audit().problems()
                  : states_[current_].widget.audit().problems();
}

bool Explorer::animating() const {
  if (compare_) {
    for (const ComparePanel& p : panels_) {
      if (p.views[current_]->animating()) return true;
    }
    return false;
  }
  return views_[current_]->animating();
}

bool Explorer::settled() const {
  if (compare_) {
    for (const ComparePanel& p : panels_) {
      if (p.pending || p.key.empty() || (!p.figure && p.error.empty())) return false;
    }
    return !merged_dirty_;
  }
  const ViewState& state = states_[current_];
  return !worker_.busy() && state.figure.has_value() && !state.key.empty() &&
         state.built_key == state.key;
}

void Explorer::keyboard(bool view_keys) {
  // A dialog (export, open lesson) has the keys while it is open.
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  const ImGuiIO& io = ImGui::GetIO();
  // Ctrl+E types nothing, so it works while a sidebar field has the keyboard too.
  if (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('E', false)) request_export();
  if (io.WantTextInput) return;
  if (!io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('C', false)) set_compare(!compare_);
  std::vector<int> family;
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (lists(*views_[i], edited_shared().scheme)) family.push_back(static_cast<int>(i));
  }
  const auto at = std::find(family.begin(), family.end(), current_);
  if (at == family.end() || family.empty()) return;
  const std::size_t k = static_cast<std::size_t>(at - family.begin());
  if (view_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown)))
    choose_view(family[(k + 1) % family.size()]);
  if (view_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) {
    choose_view(family[(k + family.size() - 1) % family.size()]);
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed('0')) {
    if (compare_) {
      compare_widget_.reset_zoom();
    } else {
      states_[current_].widget.reset_zoom();
    }
  }
}

void Explorer::sidebar(const Fonts& fonts, float width, float height, ImVec2 pos) {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                 ImGuiWindowFlags_NoSavedSettings;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(width, height));
  // The theme's surface colour (ui_theme.cpp puts it in ChildBg).
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_ChildBg));
  ImGui::Begin("sidebar", nullptr, fixed);
  ImGui::PushItemWidth(width * 0.5f);

  // Schemes: chosen in one place, the views follow.
  section("Scheme", fonts);
  const float button_w =
      (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
  // In compare mode the buttons set the selected panel's scheme, among those the view shows.
  for (int i = 0; i < 6; ++i) {
    if (i % 3 != 0) ImGui::SameLine();
    const bool on = edited_shared().scheme == kSchemes[i];
    const bool disabled = compare_ && !lists(*views_[current_], kSchemes[i]);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (disabled) ImGui::BeginDisabled();
    if (ImGui::Button(scheme_title(kSchemes[i]), ImVec2(button_w, 0))) {
      if (compare_) {
        edited_shared().scheme = kSchemes[i];
      } else {
        select_scheme(kSchemes[i]);
      }
    }
    if (disabled) ImGui::EndDisabled();
    if (on) ImGui::PopStyleColor();
  }
  section("View", fonts);
  for (std::size_t i = 0; i < views_.size(); ++i) {
    if (!lists(*views_[i], edited_shared().scheme)) continue;
    if (ImGui::Selectable(views_[i]->title(), current_ == static_cast<int>(i)))
      choose_view(static_cast<int>(i));
  }

  // Compare: the panels A-D, the selected one's parameters below.
  ImGui::Spacing();
  bool comparing = compare_;
  if (ImGui::Checkbox("Compare side by side  (C)", &comparing)) set_compare(comparing);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The same view for 2 to 4 parameter sets, with shared axes and cursor");
  }
  if (compare_) {
    const float panel_w = ImGui::GetFrameHeight() * 1.6f;
    for (int i = 0; i < compare_count(); ++i) {
      if (i > 0) ImGui::SameLine();
      const bool on = selected_ == i;
      if (on)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (ImGui::Button(std::string(1, compare::letter(i)).c_str(), ImVec2(panel_w, 0)))
        selected_ = i;
      if (on) ImGui::PopStyleColor();
    }
    if (compare_count() < compare::kMaxPanels) {
      ImGui::SameLine();
      if (ImGui::Button("+ add")) add_panel();
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A new panel with the selected panel's parameters");
    }
    if (compare_count() > 2) {
      ImGui::SameLine();
      if (ImGui::Button("remove")) {
        panels_.erase(panels_.begin() + selected_);
        selected_ = std::min(selected_, compare_count() - 1);
        merged_dirty_ = true;
        compare_widget_.reset_zoom();
      }
    }
  }

  View& view = edited_view();
  SharedParams& params = edited_shared();
  if (compare_) {
    const std::string t = std::string("Parameters of panel ") + compare::letter(selected_);
    section(t.c_str(), fonts);
  } else {
    section("Parameters", fonts);
  }
  ParamEditor shared_editor(view.shared_fields(params));
  params.visit(shared_editor);
  ParamEditor own_editor;
  view.visit(own_editor);
  draw_actions(view.actions());

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextWrapped("%s", view.explanation(params).c_str());
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
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImVec4(style.background.r, style.background.g, style.background.b, 1));
  ImGui::Begin("view", nullptr, fixed);
  if (compare_) {
    compare_area(fonts, style);
    ImGui::End();
    ImGui::PopStyleColor();
    return;
  }
  // The Export button has a strip of its own above the figure (over the figure it ran
  // into long titles at larger text).
  const ImVec2 strip_origin = ImGui::GetCursorScreenPos();
  const float strip = export_strip_height();
  ImGui::SetCursorScreenPos(ImVec2(strip_origin.x, strip_origin.y + strip));
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ViewState& state = states_[current_];
  const plot::FigureRequest request = state.widget.request(
      static_cast<int>(avail.x / text_scale(style)), static_cast<int>(avail.y / text_scale(style)));
  const std::string key = key_for(current_, request);
  // Build when the parameters or the request changed, and also when this view's last
  // build was dropped because another view was asked for before it finished.
  const bool in_flight = ticket_view_ == current_ && ticket_key_ == key;
  if (key != state.key || (state.built_key != key && !in_flight)) {
    state.key = key;
    ticket_ = worker_.submit(views_[current_]->builder(shared_, request));
    ticket_view_ = current_;
    ticket_key_ = key;
  }
  if (std::optional<FigureResult> done = worker_.take();
      done && done->ticket == ticket_ && ticket_view_ >= 0) {
    ViewState& target = states_[ticket_view_];
    target.error = done->error;
    target.seconds = done->seconds;
    target.built_key = ticket_key_;
    if (done->error.empty()) target.figure = std::move(done->figure);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (state.figure) {
    state.widget.draw(*state.figure, avail, style, fonts.body, fonts.title, cursor_);
  }
  const float button_w = export_button(strip_origin, avail);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!state.error.empty()) {
    const std::string msg = "Cannot draw this: " + state.error;
    draw->AddRectFilled(ImVec2(origin.x, origin.y + avail.y - 40),
                        ImVec2(origin.x + avail.x, origin.y + avail.y),
                        IM_COL32(255, 236, 230, 255));
    draw->AddText(ImVec2(origin.x + 12, origin.y + avail.y - 32), IM_COL32(150, 30, 0, 255),
                  msg.c_str());
  }
  if (worker_.busy()) {
    const float p = static_cast<float>(worker_.progress());
    const float right = origin.x + avail.x - button_w - 24;  // left of the Export button
    const ImVec2 a(right - 250, strip_origin.y + 6), b(right, strip_origin.y + 30);
    draw->AddRectFilled(a, b, IM_COL32(240, 242, 246, 255), 4.0f);
    draw->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * p, b.y), IM_COL32(86, 180, 233, 255), 4.0f);
    const std::string t =
        "computing\xE2\x80\xA6 " + std::to_string(static_cast<int>(p * 100)) + "%";
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

void Explorer::compare_area(const Fonts& fonts, const plot::Style& style) {
  const ImVec2 strip_origin = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(strip_origin.x, strip_origin.y + export_strip_height()));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const int n = compare_count();
  const bool stacked = panels_[0].figure && compare::wants_stacking(*panels_[0].figure);
  const std::vector<compare::Cell> cells = compare::grid(n, stacked);
  if (stacked != stacked_) {
    stacked_ = stacked;
    merged_dirty_ = true;
  }
  // The merged figure's body lies under its title and subtitle, above its note (as in
  // layout_figure); each cell starts with a header of about four lines of text.
  const float fs = style.font_size;
  const float body_h = std::max(100.0f, avail.y - 3.6f * fs - 1.4f * fs);
  const float cell_h = (cells[0].bottom - cells[0].top) * body_h;
  const float header_fraction = std::min(0.35f, 4.0f * fs / std::max(1.0f, cell_h));
  const plot::FigureRequest merged_request =
      compare_widget_.request(static_cast<int>(avail.x), static_cast<int>(avail.y));

  // Each panel builds on its own worker when its parameters or its windows change.
  for (int i = 0; i < n; ++i) {
    ComparePanel& p = panels_[i];
    View& view = *p.views[current_];
    const compare::Cell& c = cells[i];
    const plot::FigureRequest request = compare::part_request(
        merged_request, i, static_cast<int>((c.right - c.left) * avail.x / text_scale(style)),
        static_cast<int>((c.bottom - c.top) * body_h * (1.0f - header_fraction) /
                         text_scale(style)));
    const std::string key = key_of(p.shared, view, request);
    if (key != p.key) {
      p.key = key;
      p.request = request;
      p.ticket = p.worker->submit(view.builder(p.shared, request));
      p.pending = true;
    }
    if (std::optional<FigureResult> done = p.worker->take(); done && done->ticket == p.ticket) {
      p.pending = false;
      p.error = done->error;
      if (done->error.empty()) p.figure = std::move(done->figure);
      merged_dirty_ = true;
    }
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (merged_dirty_ || merged_size_.x != avail.x || merged_size_.y != avail.y) {
    std::vector<std::vector<compare::Setting>> values;
    for (ComparePanel& p : panels_)
      values.push_back(compare::used_values(p.shared, *p.views[current_]));
    const compare::Differences diff = compare::differences(values);
    std::vector<compare::Part> parts;
    for (int i = 0; i < n; ++i) {
      const ComparePanel& p = panels_[i];
      compare::Part part;
      part.figure = p.figure ? &*p.figure : nullptr;
      part.header =
          std::string(1, compare::letter(i)) + "  \xC2\xB7  " +
          (diff.per_panel[i].empty() ? std::string("the same parameters") : diff.per_panel[i]);
      part.placeholder = "computing\xE2\x80\xA6";
      parts.push_back(std::move(part));
    }
    merged_ = compare::merge(parts, cells, header_fraction, diff.common, style.muted);
    // Line up the plot edges of each panel's x-linked panels (measured, then moved).
    plot::ImGuiCanvas canvas(draw, fonts.body, fonts.title, measure_cache_);
    const plot::Rect area{origin.x, origin.y, origin.x + avail.x, origin.y + avail.y};
    merged_layout_ = plot::layout_figure(merged_, area, style, canvas, merged_request);
    compare::align_linked(merged_, merged_layout_, avail.x);
    merged_layout_ = plot::layout_figure(merged_, area, style, canvas, merged_request);
    // Titles, header lines and the note cut to their cells.
    const auto width_at = [&](float size, bool bold) {
      return
          [&canvas, size, bold](const std::string& t) { return canvas.text_size(t, size, bold).x; };
    };
    for (std::size_t i = 0; i < merged_.panels.size() && i < merged_layout_.size(); ++i) {
      plot::Panel& p = merged_.panels[i];
      const plot::PanelGeometry& g = merged_layout_[i];
      p.title = compare::fit(p.title, g.area.x1 - g.plot.x0, width_at(fs * 1.05f, true));
      p.x.label = compare::fit(p.x.label, g.area.width() - fs, width_at(fs, false));
      p.y.label = compare::fit(p.y.label, g.plot.height(), width_at(fs, false));
      if (compare::split_id(p.id).second == "#header" && !p.texts.empty()) {
        p.texts[0].text = compare::fit(p.texts[0].text, g.plot.width() - 4.0f,
                                       width_at(fs * p.texts[0].scale, false));
      }
    }
    merged_.subtitle = compare::fit(merged_.subtitle, avail.x - fs, width_at(fs, false));
    merged_.note = compare::fit(merged_.note, avail.x - fs, width_at(fs * 0.85f, false));
    merged_dirty_ = false;
    merged_size_ = avail;
  }
  // A header zoomed or dragged by the wheel keeps its line in place.
  for (plot::Panel& p : merged_.panels) {
    if (compare::split_id(p.id).second != "#header" || p.texts.empty()) continue;
    const plot::DataWindow* w = merged_request.window(p.id);
    p.texts[0].x = w != nullptr ? std::min(w->x_lo, w->x_hi) : 0.0;
    p.texts[0].y = w != nullptr ? (w->y_lo + w->y_hi) / 2 : 0.5;
  }
  compare_widget_.draw(merged_, avail, style, fonts.body, fonts.title, cursor_);
  const float button_w = export_button(strip_origin, avail);

  const std::string failure = error();
  if (!failure.empty()) {
    const std::string msg = "Cannot draw " + failure;
    draw->AddRectFilled(ImVec2(origin.x, origin.y + avail.y - 40),
                        ImVec2(origin.x + avail.x, origin.y + avail.y),
                        IM_COL32(255, 236, 230, 255));
    draw->AddText(ImVec2(origin.x + 12, origin.y + avail.y - 32), IM_COL32(150, 30, 0, 255),
                  msg.c_str());
  }
  double progress = 0.0;
  int busy = 0;
  for (const ComparePanel& p : panels_) {
    if (p.worker->busy()) {
      progress += p.worker->progress();
      ++busy;
    }
  }
  if (busy > 0) {
    const float f = static_cast<float>(progress / busy);
    const float right = origin.x + avail.x - button_w - 24;  // left of the Export button
    const ImVec2 a(right - 250, origin.y + 6), b(right, origin.y + 30);
    draw->AddRectFilled(a, b, IM_COL32(240, 242, 246, 255), 4.0f);
    draw->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * f, b.y), IM_COL32(86, 180, 233, 255), 4.0f);
    const std::string t = "computing " + std::to_string(busy) + " panel" + (busy > 1 ? "s" : "") +
                          "\xE2\x80\xA6 " + std::to_string(static_cast<int>(f * 100)) + "%";
    draw->AddText(ImVec2(a.x + 10, a.y + 2), IM_COL32(20, 20, 26, 255), t.c_str());
  }
  readout_.clear();
  const plot::HoverState& hover = compare_widget_.hover();
  if (hover.active && hover.panel < static_cast<int>(merged_.panels.size())) {
    const plot::Panel& p = merged_.panels[hover.panel];
    const auto [part, own] = compare::split_id(p.id);
    if (part >= 0 && own != "#header") {
      readout_ = plot::readout_lines(p, hover.x, hover.y);
      if (!readout_.empty())
        readout_.insert(readout_.begin(), std::string("Panel ") + compare::letter(part) + ":");
    }
  }
}

// The Export button at the top right of the main area, over the figure (the
// figures leave that corner free: titles start at the left). A child window, so
// that it is drawn over the figure and takes the mouse from it. Returns its width
// (0 when hidden).
float Explorer::export_strip_height() const {
  return export_shown_ ? ImGui::GetFrameHeight() + 8.0f : 0.0f;
}

float Explorer::export_button(ImVec2 origin, ImVec2 avail) {
  if (!export_shown_) return 0.0f;
  const char* label = "Export\xE2\x80\xA6";  // "Export..."
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 text = ImGui::CalcTextSize(label);
  const ImVec2 size(text.x + 2 * st.FramePadding.x, text.y + 2 * st.FramePadding.y);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + avail.x - size.x - 10, origin.y + 4));
  ImGui::BeginChild("##export", size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::Button(label, size)) request_export();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(compare_ ? "Save the comparison as PNG, SVG or CSV  (Ctrl+E)"
                               : "Save this view as PNG, SVG or CSV  (Ctrl+E)");
  }
  ImGui::EndChild();
  ImGui::SetCursorScreenPos(cursor);
  return size.x;
}

bool Explorer::zoomed() const {
  return compare_ ? compare_widget_.zoomed() : states_[current_].widget.zoomed();
}

ExportItem Explorer::export_item(int width, int height) {
  View& active = *views_[current_];
  ExportItem item;
  item.view = active.name();
  if (!compare_) {
    const std::vector<compare::Setting> values = compare::used_values(shared_, active);
    item.title = active.title();
    item.stem = default_file_stem(item.view, values, active.schemes().size() > 1);
    item.build = active.builder(shared_, {width, height, {}});
    item.own_table = active.table(shared_);
    return item;
  }
  // The comparison as `peviz export VIEW --compare` lays it out (compare.hpp).
  const int n = compare_count();
  std::vector<std::vector<compare::Setting>> values;
  std::vector<compare::ComparePanelSpec> specs;
  for (ComparePanel& p : panels_) {
    values.push_back(compare::used_values(p.shared, *p.views[current_]));
    specs.push_back({p.views[current_].get(), p.shared});
  }
  item.build = compare::comparison_builder(std::move(specs), width, height);
  item.title = std::string(active.title()) + ": " + std::to_string(n) + " panels compared";
  item.stem = compare_file_stem(item.view, values);
  return item;
}

std::vector<ExportItem> Explorer::export_all_items(int width, int height) {
  std::vector<std::unique_ptr<View>>& views = compare_ ? panels_[selected_].views : views_;
  std::vector<ExportItem> items;
  for (auto& v : views) {
    SharedParams shared = edited_shared();
    if (!lists(*v, shared.scheme)) shared.scheme = v->schemes().front();
    ExportItem item;
    item.view = v->name();
    item.title = v->title();
    item.stem = item.view;  // as `peviz export all` names them
    item.build = v->builder(shared, {width, height, {}});
    item.own_table = v->table(shared);
    items.push_back(std::move(item));
  }
  return items;
}

void Explorer::frame(const Fonts& fonts, const plot::Style& style, double seconds) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  frame(fonts, style, seconds, vp->WorkPos, vp->WorkSize, true, true);
}

void Explorer::frame(const Fonts& fonts, const plot::Style& style, double seconds, ImVec2 pos,
                     ImVec2 size, bool show_sidebar, bool view_keys) {
  // The command line is done: later settings (lessons) reach every panel as they are.
  spec_.clear();
  keyboard(view_keys);
  if (compare_) {
    for (ComparePanel& p : panels_) p.views[current_]->tick(seconds);
  } else {
    views_[current_]->tick(seconds);
  }
  export_shown_ = show_sidebar;  // presenting: a clean picture (Ctrl+E still exports)
  // Wider with larger text (its labels and sliders grow), never more than 45% of the window.
  const float fs = text_scale(style);
  const float sidebar_w =
      show_sidebar ? std::min(std::clamp(size.x * 0.27f, 340.0f * fs, 520.0f * fs), size.x * 0.45f)
                   : 0.0f;
  if (show_sidebar) sidebar(fonts, sidebar_w, size.y, pos);
  main_area(fonts, style, ImVec2(pos.x + sidebar_w, pos.y), ImVec2(size.x - sidebar_w, size.y));
}

}  // namespace peviz
