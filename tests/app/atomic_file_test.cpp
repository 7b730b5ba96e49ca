#include "app/export/atomic_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace peviz {
namespace {

fs::path fresh_dir(const char* name) {
  const fs::path dir =
      fs::temp_directory_path() / ("peviz_atomic_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFileTest, CommitWritesTheWholeFileAndNoTemporary) {
  const fs::path dir = fresh_dir("commit");
  {
    AtomicFile f((dir / "a.csv").string());
    f.write("x,y\n");
    f.write("1,2\n");
    f.commit();
  }
  EXPECT_EQ(read(dir / "a.csv"), "x,y\n1,2\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(AtomicFileTest, WithoutCommitNothingIsLeftAndAnOldFileSurvives) {
  const fs::path dir = fresh_dir("abort");
  { std::ofstream(dir / "b.csv") << "old\n"; }
  {
    AtomicFile f((dir / "b.csv").string());
    f.write("half a table");
  }  // destroyed without commit, e.g. by an exception
  EXPECT_EQ(read(dir / "b.csv"), "old\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(AtomicFileTest, MissingFolderNamesThePathAndTheReason) {
  try {
    AtomicFile f("/nonexistent-peviz-folder/x.csv");
    FAIL() << "expected WriteError";
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-peviz-folder/x.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos);
  }
}

TEST(AtomicFileTest, AFolderIsNotAFile) {
  const fs::path dir = fresh_dir("folder");
  EXPECT_THROW(AtomicFile f(dir.string()), WriteError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peviz
