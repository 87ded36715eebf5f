package kernel

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestIdentityCalls(t *testing.T) {
	e := newEnv(t)
	e.t.PID, e.t.TID, e.t.PPID = 7, 7, 3

	tests := []struct {
		sys  abi.Sys
		want int64
	}{
		{abi.SysGetpid, 7}, {abi.SysGettid, 7}, {abi.SysGetppid, 3},
		{abi.SysGetuid, 0}, {abi.SysGeteuid, 0}, {abi.SysGetgid, 0},
		{abi.SysGetegid, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, e.call(tt.sys), "sys %d", tt.sys)
	}
}

func TestSetTidAddressReturnsTidAndIsClearedOnExit(t *testing.T) {
	e := newEnv(t)
	e.putU32(t, dataAddr, 0xffff)

	assert.Equal(t, int64(1), e.call(abi.SysSetTidAddress, dataAddr))
	e.call(abi.SysExit, 3)

	assert.Zero(t, e.u32(t, dataAddr))
	_, status := e.t.Exited()
	assert.Equal(t, 3<<8, status)
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		sys    abi.Sys
		code   uint64
		status int
	}{
		{"exit_group 0", abi.SysExitGroup, 0, 0},
		{"exit_group keeps the low byte", abi.SysExitGroup, 0x1ff, 0xff00},
		{"exit 42", abi.SysExit, 42, 42 << 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			e.call(tt.sys, tt.code)

			exited, status := e.t.Exited()
			assert.True(t, exited)
			assert.Equal(t, tt.status, status)
		})
	}
}

func TestSetRobustList(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EINVAL),
		e.call(abi.SysSetRobustList, dataAddr, 16))
	assert.Zero(t, e.call(abi.SysSetRobustList, dataAddr, 24))
	assert.Equal(t, uint64(dataAddr), e.t.robustList)
}

func TestGetcpu(t *testing.T) {
	tests := []struct {
		name      string
		cpu, node uint64
		want      abi.Errno
	}{
		{"both", dataAddr, dataAddr + 8, 0},
		{"cpu only", dataAddr, 0, 0},
		{"node only", 0, dataAddr + 8, 0},
		{"neither", 0, 0, 0},
		{"cpu unwritable", roAddr, 0, abi.EFAULT},
		{"node unwritable", dataAddr, roAddr, abi.EFAULT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.t.CPU = 0
			e.putU64(t, dataAddr, ^uint64(0))
			e.putU64(t, dataAddr+8, ^uint64(0))

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysGetcpu, tt.cpu, tt.node, 0))
			if tt.want == 0 && tt.cpu != 0 {
				assert.Zero(t, e.u32(t, dataAddr))
			}
			if tt.want == 0 && tt.node != 0 {
				assert.Zero(t, e.u32(t, dataAddr+8))
			}
		})
	}
}

func TestUname(t *testing.T) {
	tests := []struct {
		arch    Arch
		machine string
	}{
		{AMD64{}, "x86_64"},
		{ARM64{}, "aarch64"},
	}
	for _, tt := range tests {
		t.Run(tt.machine, func(t *testing.T) {
			e := newEnvArch(t, tt.arch)

			require.Zero(t, e.call(abi.SysUname, dataAddr))

			b := e.peek(t, dataAddr, abi.UtsnameSize)
			field := func(i int) string {
				f := b[i*65 : (i+1)*65]
				return string(f[:bytes.IndexByte(f, 0)])
			}
			assert.Equal(t, "Linux", field(0))
			assert.Equal(t, "ringside", field(1))
			assert.Equal(t, "6.1.0-ringside", field(2))
			assert.Equal(t, "#1 SMP ringside", field(3))
			assert.Equal(t, tt.machine, field(4))
			assert.Equal(t, "(none)", field(5))
		})
	}
}

func TestUnameFaults(t *testing.T) {
	e := newEnv(t)

	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysUname, roAddr))
	assert.Equal(t, errno(abi.EFAULT), e.call(abi.SysUname, 0))
}

func TestPrctlName(t *testing.T) {
	tests := []struct {
		name string
		set  string
		want string
	}{
		{"short", "worker", "worker"},
		{"truncated to 15 bytes", "a-very-long-thread-name", "a-very-long-thr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.str(t, dataAddr, tt.set)

			require.Zero(t, e.call(abi.SysPrctl, abi.PR_SET_NAME, dataAddr))
			require.Zero(t, e.call(abi.SysPrctl, abi.PR_GET_NAME,
				dataAddr+64))

			got := e.peek(t, dataAddr+64, 16)
			assert.Equal(t, tt.want, e.t.Name)
			assert.Equal(t, tt.want, string(got[:bytes.IndexByte(got, 0)]))
		})
	}
}

func TestPrctlErrors(t *testing.T) {
	tests := []struct {
		name string
		args []uint64
		want abi.Errno
	}{
		{"set name from a hole", []uint64{abi.PR_SET_NAME, holeAddr},
			abi.EFAULT},
		{"get name into read-only memory",
			[]uint64{abi.PR_GET_NAME, roAddr}, abi.EFAULT},
		{"unknown option", []uint64{0x53564d41, 0, 0}, abi.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want), e.call(abi.SysPrctl, tt.args...))
		})
	}
}

func TestArchPrctl(t *testing.T) {
	tests := []struct {
		name string
		code uint64
		arg  uint64
		want abi.Errno
		tls  uint64
	}{
		{"set fs", abi.ARCH_SET_FS, 0x7f0000001000, 0, 0x7f0000001000},
		{"set fs at the last user page", abi.ARCH_SET_FS, 0x7ffffffff000,
			abi.EPERM, 0},
		{"set fs non-canonical", abi.ARCH_SET_FS, 0xffff800000000000,
			abi.EPERM, 0},
		{"set gs", abi.ARCH_SET_GS, 0x1000, 0, 0},
		{"get fs into read-only memory", abi.ARCH_GET_FS, roAddr,
			abi.EFAULT, 0},
		{"unknown code", 0x3001, dataAddr, abi.EINVAL, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)

			assert.Equal(t, errno(tt.want),
				e.call(abi.SysArchPrctl, tt.code, tt.arg))
			assert.Equal(t, tt.tls, e.t.Ctx.TLS())
		})
	}
}

func TestArchPrctlGetReadsBack(t *testing.T) {
	e := newEnv(t)
	e.call(abi.SysArchPrctl, abi.ARCH_SET_FS, 0x5000)
	e.call(abi.SysArchPrctl, abi.ARCH_SET_GS, 0x6000)

	require.Zero(t, e.call(abi.SysArchPrctl, abi.ARCH_GET_FS, dataAddr))
	require.Zero(t, e.call(abi.SysArchPrctl, abi.ARCH_GET_GS, dataAddr+8))

	assert.Equal(t, uint64(0x5000), e.u64(t, dataAddr))
	assert.Equal(t, uint64(0x6000), e.u64(t, dataAddr+8))
}

func TestRseqRegistersThroughPackageRseq(t *testing.T) {
	e := newEnv(t)
	const sig = 0x53053053

	assert.Zero(t, e.call(abi.SysRseq, dataAddr, 32, 0, sig))
	assert.True(t, e.t.Rseq.Registered())
	assert.Equal(t, errno(abi.EBUSY), e.call(abi.SysRseq, dataAddr, 32, 0,
		sig))
	assert.Equal(t, uint32(0xffffffff), e.u32(t, dataAddr+4), "cpu_id")
}

func TestGetgroupsHasNone(t *testing.T) {
	e := newEnv(t)

	assert.Zero(t, e.call(abi.SysGetgroups, 16, dataAddr))
	assert.Zero(t, e.call(abi.SysGetgroups, 0, 0))
	assert.Equal(t, errno(abi.EINVAL),
		e.call(abi.SysGetgroups, uint64(0xffffffff), dataAddr))
}
