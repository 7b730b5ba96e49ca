#include "app/export/atomic_file.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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

long entries(const fs::path& dir) {
  return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
}

std::string what_of(const std::string& path) {
  try {
    AtomicFile f(path);
  } catch (const WriteError& e) {
    return e.what();
  }
  return "";
}

// A FIFO is refused before it is opened (opening it to write would block until a reader
// comes), and stays a FIFO.
TEST(AtomicFileTest, AFifoIsRefusedAndLeftAsItIs) {
  const fs::path dir = fresh_dir("fifo");
  const fs::path fifo = dir / "out.png";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const std::string why = what_of(fifo.string());
  EXPECT_NE(why.find("named pipe"), std::string::npos) << why;
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));
  EXPECT_EQ(entries(dir), 1);
  fs::remove_all(dir);
}

TEST(AtomicFileTest, ASocketAndADeviceAreRefused) {
  const fs::path dir = fresh_dir("socket");
  const fs::path sock = dir / "out.csv";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, sock.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_NE(what_of(sock.string()).find("a socket"), std::string::npos);
  EXPECT_TRUE(fs::is_socket(fs::symlink_status(sock)));
  ::close(fd);
  // /dev/null is a character device: it stays one (run as root, the old writer replaced it).
  EXPECT_NE(what_of("/dev/null").find("character device"), std::string::npos);
  EXPECT_TRUE(fs::is_character_file(fs::status("/dev/null")));
  fs::remove_all(dir);
}

TEST(AtomicFileTest, ASymbolicLinkIsFollowedAndStaysALink) {
  const fs::path dir = fresh_dir("symlink");
  fs::create_directories(dir / "real");
  { std::ofstream(dir / "real" / "fig.svg") << "old"; }
  fs::create_symlink("real/fig.svg", dir / "link.svg");
  fs::create_symlink("link.svg", dir / "link2.svg");  // a chain of two
  {
    AtomicFile f((dir / "link2.svg").string());
    f.write("new");
    f.commit();
  }
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link2.svg")));
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.svg")));
  EXPECT_EQ(read(dir / "real" / "fig.svg"), "new");
  // A dangling link: the file is created where it points.
  fs::create_symlink("real/new.csv", dir / "dangling.csv");
  {
    AtomicFile f((dir / "dangling.csv").string());
    f.write("a,b\n");
    f.commit();
  }
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "dangling.csv")));
  EXPECT_EQ(read(dir / "real" / "new.csv"), "a,b\n");
  EXPECT_EQ(entries(dir / "real"), 2);
  fs::remove_all(dir);
}

TEST(AtomicFileTest, AReplacedFileKeepsItsPermissions) {
  const fs::path dir = fresh_dir("mode");
  const fs::path file = dir / "private.csv";
  { std::ofstream(file) << "old"; }
  ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
  {
    AtomicFile f(file.string());
    f.write("new");
    f.commit();
  }
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(read(file), "new");
  // A new file gets what fopen would give it: 0666 less the umask.
  const mode_t mask = ::umask(022);
  {
    AtomicFile f((dir / "new.csv").string());
    f.commit();
  }
  ::umask(mask);
  ASSERT_EQ(::stat((dir / "new.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  fs::remove_all(dir);
}

// A writer killed before commit() leaves nothing: its temporary had no name.
TEST(AtomicFileTest, AProcessKilledWhileWritingLeavesNoFile) {
  const fs::path dir = fresh_dir("killed");
  const pid_t child = ::fork();
  if (child == 0) {
    AtomicFile f((dir / "big.png").string());
    f.write(std::string(1 << 20, 'x'));
    ::raise(SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(entries(dir), 0);
  fs::remove_all(dir);
}

// Temporaries with a name (a kill between naming and renaming, or a file system without
// O_TMPFILE) are removed by the next write into the folder once their process is gone;
// those of a running process, and files that only look alike, stay.
TEST(AtomicFileTest, StaleTemporariesAreRemovedOnTheNextWrite) {
  const fs::path dir = fresh_dir("stale");
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const std::string dead = std::to_string(gone), alive = std::to_string(::getpid());
  const auto make = [&](const std::string& name) { std::ofstream(dir / name) << "x"; };
  make(".fig.png.tmp-" + dead + "-Ab3dE9");   // ours, process gone: removed
  make(".fig.png.tmp-" + alive + "-Ab3dE9");  // ours, process running: kept
  make(".old.svg.tmp-Zz9yX1");                // an older version's, two hours old: removed
  const auto two_hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(dir / ".old.svg.tmp-Zz9yX1", two_hours_ago);
  make(".new.svg.tmp-Qq1wE2");    // an older version's, recent: kept
  make(".notes.txt.tmp-Zz9yX1");  // not a file peviz writes: kept
  fs::last_write_time(dir / ".notes.txt.tmp-Zz9yX1", two_hours_ago);
  make("fig.png.tmp-" + dead + "-Ab3dE9");  // not hidden: not ours
  {
    AtomicFile f((dir / "out.csv").string());
    f.write("1\n");
    f.commit();
  }
  EXPECT_FALSE(fs::exists(dir / (".fig.png.tmp-" + dead + "-Ab3dE9")));
  EXPECT_TRUE(fs::exists(dir / (".fig.png.tmp-" + alive + "-Ab3dE9")));
  EXPECT_FALSE(fs::exists(dir / ".old.svg.tmp-Zz9yX1"));
  EXPECT_TRUE(fs::exists(dir / ".new.svg.tmp-Qq1wE2"));
  EXPECT_TRUE(fs::exists(dir / ".notes.txt.tmp-Zz9yX1"));
  EXPECT_TRUE(fs::exists(dir / ("fig.png.tmp-" + dead + "-Ab3dE9")));
  EXPECT_EQ(read(dir / "out.csv"), "1\n");
  EXPECT_EQ(entries(dir), 5);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peviz
