// `peviz check rope --config FILE|--preset NAME [--context N] --inv-freq THEIRS.npy
//                   [--tolerance T] [--pairing half-split|interleaved]`
// `peviz check rope ... --cos THEIRS_COS.npy --sin THEIRS_SIN.npy`
// compares an implementation's RoPE numbers (.npy or .safetensors) with the reference the
// config implies (app/model's model_frequencies, as transformers computes it) through
// core/rope_check, and for a mismatch names the most likely mistake with its fitted parameter.
// Prints the reference, the errors, "match" or "MISMATCH" and the cause on stdout. Exit 0 on a
// match, 1 on a mismatch, 2 on bad input (one line on stderr). docs/check-rope.md has the rest.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "app/model/hf_config.hpp"
#include "core/rope.hpp"
#include "core/rope_check.hpp"

namespace peviz {

// The pairing a config.json's model_type implies: interleaved for GPT-J and CodeGen
// (rotate_every_two), half-split for every other transformers model (rotate_half), unknown
// when the file has no model_type.
std::optional<RopePairing> pairing_of_model_type(const std::string& model_type);

// The check's view of a model: its numbers, with model_frequencies as the reference.
RopeCheckModel rope_check_model(const ModelRope& model, long context,
                                std::optional<RopePairing> pairing);

// What `check rope` prints for a result (every line ends with a newline).
std::string rope_check_report(const RopeCheckResult& result);

// argv[0] is "check". Returns the exit code: 0 match, 1 mismatch, 2 bad input (one line on err).
int run_check(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace peviz
