#include "properties_view.hpp"

namespace peviz {

FigureBuilder PropertiesView::builder(const SharedParams&, const plot::FigureRequest&) const {
  return [](const ProgressFn&) {
    plot::Figure f;
    f.title = "Properties";
    f.message = "This view is being written.";
    return f;
  };
}

}  // namespace peviz
