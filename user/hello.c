/* hello: the demo and the start-up test. Prints its arguments and exits
 * with the status given as its first argument (default 0). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct utsname u;

	printf("hello from %s, pid %d\n", argv[0], getpid());
	if (uname(&u) == 0)
		printf("running on %s %s %s\n", u.sysname, u.release, u.machine);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);

	return argc > 1 ? atoi(argv[1]) : 0;
}
