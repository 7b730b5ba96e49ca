// Visitors that need no window: set a field by name from text (command line,
// lessons), describe every field as "name=value", and JSON save/load.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace peviz
