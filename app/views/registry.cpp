#include "registry.hpp"

#include "alibi_view.hpp"
#include "alternatives_view.hpp"
#include "encoding_view.hpp"
#include "figure_view.hpp"
#include "learned_structure_view.hpp"
#include "long_context_view.hpp"
#include "model_view.hpp"
#include "nope_view.hpp"
#include "playground_view.hpp"
#include "precision_view.hpp"
#include "properties_view.hpp"
#include "rope_clocks_view.hpp"
#include "rope_decay_view.hpp"
#include "rope_relative_view.hpp"
#include "shift_view.hpp"
#include "similarity_view.hpp"
#include "t5_view.hpp"
#include "wavelengths_view.hpp"
#include "waves_view.hpp"

namespace peviz {

std::vector<std::unique_ptr<View>> make_views() {
  std::vector<std::unique_ptr<View>> v;
  v.push_back(std::make_unique<EncodingView>());
  v.push_back(std::make_unique<WavesView>());
  v.push_back(std::make_unique<WavelengthsView>());
  v.push_back(std::make_unique<SimilarityView>());
  v.push_back(std::make_unique<ShiftView>());
  v.push_back(std::make_unique<PropertiesView>());
  v.push_back(std::make_unique<LearnedStructureView>());
  v.push_back(std::make_unique<AlternativesView>());
  v.push_back(std::make_unique<RopeClocksView>());
  v.push_back(std::make_unique<RopeRelativeView>());
  v.push_back(std::make_unique<RopeDecayView>());
  v.push_back(std::make_unique<PrecisionView>());
  v.push_back(std::make_unique<AlibiView>());
  v.push_back(std::make_unique<T5View>());
  v.push_back(std::make_unique<NopeView>());
  v.push_back(std::make_unique<LongContextView>());
  v.push_back(std::make_unique<ModelView>());
  v.push_back(std::make_unique<PlaygroundView>());
  v.push_back(std::make_unique<FigureView>());
  return v;
}

}  // namespace peviz
