// Unit tests for the interrupt handler (each case runs in its own process).
#include "runtime/Signals.h"

#include "gtest/gtest.h"

#include <csignal>

using namespace snn::rt;

namespace {

void (*currentHandler(int sig))(int) {
  struct sigaction old;
  sigaction(sig, nullptr, &old);
  return old.sa_handler;
}

// SIGTERM only sets the flag; the handler stays installed.
TEST(SignalsTest, SigtermSetsFlag) {
  ASSERT_TRUE(installInterruptHandler());
  clearInterruptRequest();
  EXPECT_FALSE(interruptRequested());
  EXPECT_EQ(interruptSignal(), 0);
  std::raise(SIGTERM);
  EXPECT_TRUE(interruptRequested());
  EXPECT_EQ(interruptSignal(), SIGTERM);
  EXPECT_NE(currentHandler(SIGTERM), SIG_DFL);
  clearInterruptRequest();
  EXPECT_FALSE(interruptRequested());
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGINT, SIG_DFL);
}

// The first SIGINT sets the flag, prints the notice and restores the default
// action, so a second Ctrl-C would end the process.
TEST(SignalsTest, FirstSigintRestoresDefault) {
  ASSERT_TRUE(installInterruptHandler("stopping after this batch\n"));
  clearInterruptRequest();
  EXPECT_NE(currentHandler(SIGINT), SIG_DFL);
  ::testing::internal::CaptureStderr();
  std::raise(SIGINT);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(),
            "stopping after this batch\n");
  EXPECT_TRUE(interruptRequested());
  EXPECT_EQ(interruptSignal(), SIGINT);
  EXPECT_EQ(currentHandler(SIGINT), SIG_DFL);
  clearInterruptRequest();
  std::signal(SIGTERM, SIG_DFL);
}

} // namespace
