/* fork: processes. A child gets a private copy of the parent's memory,
 * returns 0 from fork, sees its parent in getppid, and its exit status
 * and fate reach the parent through waitpid; SIGCHLD arrives with it.
 * What the kernel writes for a task it woke while another task runs goes
 * to the woken task's memory. Prints "fork: ok". */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int shared = 1;
static volatile sig_atomic_t chld_code, chld_pid;

static void on_usr1(int sig) { (void)sig; }

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

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

	/* The child interrupts the parent's nanosleep and goes on computing:
	 * the parent's rem is written while the child's address space is
	 * the CPU's, and rem is at the same address in both copies. */
	static struct timespec rem;
	struct sigaction su = {.sa_handler = on_usr1};
	CHECK(sigaction(SIGUSR1, &su, NULL) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct timespec d = {0, 5 * 1000 * 1000};
		*(volatile long *)&rem.tv_nsec = 0; /* map the page here too */
		nanosleep(&d, NULL);
		kill(getppid(), SIGUSR1);
		for (long long end = now_ns() + 20000000; now_ns() < end;)
			;
		_exit(rem.tv_sec == 0 && rem.tv_nsec == 0 ? 0 : 5);
	}
	struct timespec ten = {10, 0};
	CHECK_ERR(nanosleep(&ten, &rem), EINTR);
	CHECK(rem.tv_sec > 0 && rem.tv_sec <= 10);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0);

	return check_done("fork");
}
