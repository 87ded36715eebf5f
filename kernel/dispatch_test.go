package kernel

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestDispatchUnknownSyscall(t *testing.T) {
	tests := []struct {
		name string
		arch Arch
		nr   int
	}{
		{"number past the amd64 table", AMD64{}, 999},
		{"hole in the amd64 table", AMD64{}, 22},
		{"negative number", AMD64{}, -5},
		{"legacy call arm64 lacks", ARM64{}, 2},
		{"identifier without a handler (ptrace)", AMD64{}, 101},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvArch(t, tt.arch)

			for range 3 {
				r := e.t.Dispatch(&e.t.Thread, tt.nr)
				assert.Equal(t, errno(abi.ENOSYS), r)
			}

			want := "ringside: task 1 (prog): unimplemented syscall " +
				itoaTest(tt.nr) + "\n"
			assert.Equal(t, want, e.out.String(), "one line per number")
		})
	}
}

func TestDispatchLogsEachUnknownNumberOnce(t *testing.T) {
	e := newEnv(t)

	for _, nr := range []int{999, 998, 999, 998} {
		e.t.Dispatch(&e.t.Thread, nr)
	}

	assert.Equal(t, 2, strings.Count(e.out.String(), "\n"))
}

func TestDispatchTraceLogsCallAndResult(t *testing.T) {
	tests := []struct {
		name string
		sys  abi.Sys
		args []uint64
		want string
	}{
		{"success", abi.SysGetpid, nil,
			"ringside: task 1 (prog): getpid(0x0, 0x0, 0x0, 0x0, 0x0, " +
				"0x0) = 0x1\n"},
		{"error with name", abi.SysClose, []uint64{42},
			"ringside: task 1 (prog): close(0x2a, 0x0, 0x0, 0x0, 0x0, " +
				"0x0) = -9 EBADF\n"},
		{"unimplemented, after its one-time line", abi.SysPtrace, nil,
			"ringside: task 1 (prog): unimplemented syscall 101\n" +
				"ringside: task 1 (prog): syscall_101(0x0, 0x0, 0x0, " +
				"0x0, 0x0, 0x0) = -38 ENOSYS\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.k.Trace = true

			e.call(tt.sys, tt.args...)

			assert.Equal(t, tt.want, e.out.String())
		})
	}
}

func TestDispatchQuietWithoutTrace(t *testing.T) {
	e := newEnv(t)

	require.Equal(t, int64(1), e.call(abi.SysGetpid))

	assert.Empty(t, e.out.String())
}

func TestEveryHandlerHasAName(t *testing.T) {
	for s, ent := range sysTable {
		if ent.fn != nil {
			assert.NotEmpty(t, ent.name, "sys %d", s)
		}
	}
}

func itoaTest(v int) string {
	if v < 0 {
		return "-" + itoaTest(-v)
	}
	if v < 10 {
		return string(rune('0' + v))
	}
	return itoaTest(v/10) + string(rune('0'+v%10))
}
