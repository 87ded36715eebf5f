/* fork: processes. A child gets a private copy of the parent's memory,
 * returns 0 from fork, sees its parent in getppid, and its exit status
 * and fate reach the parent through waitpid; SIGCHLD arrives with it.
 * Prints "fork: ok". */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int shared = 1;
static volatile sig_atomic_t chld_code, chld_pid;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	chld_code = si->si_code;
	chld_pid = si->si_pid;
}

int main(void)
{
	pid_t me = getpid();
	struct sigaction sa = {0};
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);

	/* A child that changes memory and exits 7. */
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		shared = 2;
		_exit(getppid() == me && shared == 2 ? 7 : 9);
	}
	int status;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK(shared == 1); /* the child's write stayed in its copy */
	CHECK(chld_code == CLD_EXITED && chld_pid == pid);

	/* One killed by a signal, waited for with any pid. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	CHECK(wait(&status) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);

	/* No children left. */
	CHECK(waitpid(-1, &status, WNOHANG) == -1);
	CHECK_ERR(wait(&status), ECHILD);

	/* WNOHANG while a child still runs. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct timespec d = {0, 20 * 1000 * 1000};
		nanosleep(&d, NULL);
		_exit(3);
	}
	CHECK(waitpid(pid, &status, WNOHANG) == 0);
	CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3);

	return check_done("fork");
}
