#include "mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "core/validate.hpp"

namespace peviz {

namespace {

// Closes the descriptor when the constructor leaves, by return or by throw.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& file) {
  const auto fail = [&](const std::string& what) {
    throw InvalidArgument(file.string() + ": " + what);
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat refuses it below.
  Descriptor d{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (d.fd < 0) {
    const int err = errno;
    if (err == ENOENT) fail("no such file");
    fail(std::string("cannot open the file (") + std::strerror(err) + ")");
  }
  struct stat st {};
  if (::fstat(d.fd, &st) != 0)
    fail(std::string("cannot read the file (") + std::strerror(errno) + ")");
  if (S_ISDIR(st.st_mode)) fail("is a folder, not a file");
  if (!S_ISREG(st.st_mode)) fail("is not a regular file");
  if (st.st_size <= 0) return;  // empty: nothing to map (mmap refuses length 0)
  const auto size = static_cast<std::size_t>(st.st_size);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, d.fd, 0);
  if (p == MAP_FAILED) fail(std::string("cannot map the file (") + std::strerror(errno) + ")");
  data_ = static_cast<const std::byte*>(p);
  size_ = size;
}

MappedFile::~MappedFile() {
  unmap();
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void MappedFile::unmap() noexcept {
  if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace peviz
