// Visitors that need no window: set a field by name from text (command line,
// lessons), describe every field as "name=value", and JSON save/load.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "param.hpp"

namespace peviz {

// Sets the field called `name` from `text`. Returns false if no field has that
// name; throws InvalidArgument (naming the option) when the text is not a valid value.
class ParamSetter : public ParamVisitor {
 public:
  ParamSetter(std::string name, std::string text)
      : name_(std::move(name)), text_(std::move(text)) {}
  bool found() const { return found_; }
  void visit(const ParamInfo& info, int& value) override;
  void visit(const ParamInfo& info, double& value) override;
  void visit(const ParamInfo& info, bool& value) override;
  void visit(const ParamInfo& info, std::string& value) override;
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  bool matches(const ParamInfo& info);
  std::string name_, text_;
  bool found_ = false;
};

// "d=64;base=10000;layout=interleaved;" for every field (change detection, titles).
class ParamDescriber : public ParamVisitor {
 public:
  const std::string& text() const { return text_; }
  void visit(const ParamInfo& info, int& value) override;
  void visit(const ParamInfo& info, double& value) override;
  void visit(const ParamInfo& info, bool& value) override;
  void visit(const ParamInfo& info, std::string& value) override;
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  std::string text_;
};

// Writes every field into a JSON object, by name.
class JsonWriter : public ParamVisitor {
 public:
  explicit JsonWriter(nlohmann::json& out) : out_(out) {}
  void visit(const ParamInfo& info, int& value) override { out_[info.name] = value; }
  void visit(const ParamInfo& info, double& value) override { out_[info.name] = value; }
  void visit(const ParamInfo& info, bool& value) override { out_[info.name] = value; }
  void visit(const ParamInfo& info, std::string& value) override { out_[info.name] = value; }
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  nlohmann::json& out_;
};

// Reads the fields present in a JSON object; a missing, mistyped or out-of-range
// value keeps the field's current value (settings from an older version still load).
class JsonReader : public ParamVisitor {
 public:
  explicit JsonReader(const nlohmann::json& in) : in_(in) {}
  void visit(const ParamInfo& info, int& value) override;
  void visit(const ParamInfo& info, double& value) override;
  void visit(const ParamInfo& info, bool& value) override;
  void visit(const ParamInfo& info, std::string& value) override;
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  const nlohmann::json& in_;
};

// Lists "--name  help [min..max | a|b|c]" lines for --help.
class ParamHelp : public ParamVisitor {
 public:
  const std::string& text() const { return text_; }
  void visit(const ParamInfo& info, int& value) override;
  void visit(const ParamInfo& info, double& value) override;
  void visit(const ParamInfo& info, bool& value) override;
  void visit(const ParamInfo& info, std::string& value) override;
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  void line(const ParamInfo& info, const std::string& range, const std::string& value);
  std::string text_;
};

// Collects every field as (name, value), the value as text ParamSetter accepts.
class ValueCollector : public ParamVisitor {
 public:
  std::vector<std::pair<std::string, std::string>> values;
  void visit(const ParamInfo& info, int& value) override { add(info, value); }
  void visit(const ParamInfo& info, double& value) override { add(info, value); }
  void visit(const ParamInfo& info, bool& value) override { add(info, value); }
  void visit(const ParamInfo& info, std::string& value) override { add(info, value); }
  void visit_choice(const ParamInfo& info, int& index) override;

 private:
  template <typename T>
  void add(const ParamInfo& info, T& value) {
    ParamDescriber d;
    d.visit(info, value);
    store(info, d.text());
  }
  void store(const ParamInfo& info, const std::string& described);
};

enum class ParamKind { Int, Double, Bool, Text, Choice };

// Finds a field by name and keeps its description; lists every field's name on the way.
class ParamLookup : public ParamVisitor {
 public:
  explicit ParamLookup(std::string name) : name_(std::move(name)) {}
  bool found = false;
  ParamInfo info;
  ParamKind kind = ParamKind::Text;
  std::vector<std::string> names;  // every field visited, in order
  void visit(const ParamInfo& i, int&) override { see(i, ParamKind::Int); }
  void visit(const ParamInfo& i, double&) override { see(i, ParamKind::Double); }
  void visit(const ParamInfo& i, bool&) override { see(i, ParamKind::Bool); }
  void visit(const ParamInfo& i, std::string&) override { see(i, ParamKind::Text); }
  void visit_choice(const ParamInfo& i, int&) override { see(i, ParamKind::Choice); }

 private:
  void see(const ParamInfo& i, ParamKind k);
  std::string name_;
};

}  // namespace peviz
