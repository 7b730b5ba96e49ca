// A file mapped read-only into memory (POSIX mmap): its bytes are read from disk only when
// touched, so a reader can parse a header and one tensor of a 1 GB checkpoint without reading
// the rest. Move-only; unmaps on destruction. An empty file maps to no bytes.
// (If another program shrinks the file while it is mapped, touching the lost pages raises
// SIGBUS: mmap's contract, which no reader can check for.)
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace peviz {

class MappedFile {
 public:
  // Throws InvalidArgument("<path>: <what>") for a missing, unreadable or non-regular file.
  explicit MappedFile(const std::filesystem::path& file);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::byte* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::span<const std::byte> bytes() const { return {data_, size_}; }

 private:
  void unmap() noexcept;

  const std::byte* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace peviz
