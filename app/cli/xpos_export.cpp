#include "xpos_export.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/figure_export.hpp"
#include "app/export/atomic_file.hpp"
#include "app/export/csv_writer.hpp"
#include "core/text.hpp"
#include "core/validate.hpp"
#include "core/xpos.hpp"

namespace peviz {
namespace {

int d_option(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(v >= 2 && v <= 65536) || v != std::floor(v) ||
      static_cast<long>(v) % 2 != 0) {
    throw InvalidArgument("--d wants an even whole number from 2 to 65536 (got '" + text + "')");
  }
  return static_cast<int>(v);
}

}  // namespace

void xpos_table(int d, plot::TableSink& table) {
  const Eigen::VectorXd zeta = xpos_zeta(d);
  table.header({"pair", "zeta"});
  for (Eigen::Index i = 0; i < zeta.size(); ++i) {
    table.cell(static_cast<long>(i)).cell(zeta[i]);
    table.end_row();
  }
}

int run_xpos_export(int argc, const char* const* argv, std::ostream& err) {
  try {
    int d = 64;
    std::string out;
    const std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& [key, value] : option_pairs(rest)) {
      if (key == "d") {
        d = d_option(value);
      } else if (key == "out") {
        out = value;
      } else {
        throw InvalidArgument("'export xpos' has no option '" + key + "' (it takes --d and --out)");
      }
    }
    if (out.empty() || lower(std::filesystem::path(out).extension().string()) != ".csv")
      throw InvalidArgument("--out FILE.csv is required");
    AtomicFile file(out);
    CsvWriter table(file);  // the project's CSV: RFC 4180, %.17g
    xpos_table(d, table);
    table.flush();
    file.commit();
  } catch (const std::exception& e) {
    err << "peviz export: " << one_line(e.what()) << "\n";
    return 2;
  }
  return 0;
}

}  // namespace peviz
