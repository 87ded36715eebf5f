package rseq

import (
	"testing"
	"unsafe"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterErrno(t *testing.T) {
	reg := func() *State {
		return &State{Addr: areaAddr, Len: OrigSize, Sig: testSig}
	}
	const unreg = RSEQ_FLAG_UNREGISTER
	tests := []struct {
		name     string
		st       *State
		readOnly bool
		addr     uint64
		length   uint32
		flags    uint32
		sig      uint32
		want     abi.Errno
	}{
		// Unregister.
		{"unregister with extra flags is EINVAL", reg(), false,
			areaAddr, OrigSize, unreg | 2, testSig, abi.EINVAL},
		{"unregister without a registration is EINVAL", &State{},
			false, areaAddr, OrigSize, unreg, testSig, abi.EINVAL},
		{"unregister of NULL is EINVAL", &State{}, false,
			0, OrigSize, unreg, testSig, abi.EINVAL},
		{"unregister of another pointer is EINVAL", reg(), false,
			areaAddr + 32, OrigSize, unreg, testSig, abi.EINVAL},
		{"unregister with another length is EINVAL", reg(), false,
			areaAddr, 64, unreg, testSig, abi.EINVAL},
		{"unregister with another signature is EPERM", reg(), false,
			areaAddr, OrigSize, unreg, 0x1234, abi.EPERM},
		{"unregister of an unwritable area is EFAULT", reg(), true,
			areaAddr, OrigSize, unreg, testSig, abi.EFAULT},
		{"unregister of the registration succeeds", reg(), false,
			areaAddr, OrigSize, unreg, testSig, 0},
		// Register.
		{"unknown flags are EINVAL", &State{}, false,
			areaAddr, OrigSize, 4, testSig, abi.EINVAL},
		{"re-register at another pointer is EINVAL", reg(), false,
			areaAddr + 32, OrigSize, 0, testSig, abi.EINVAL},
		{"re-register with another length is EINVAL", reg(), false,
			areaAddr, 64, 0, testSig, abi.EINVAL},
		{"re-register with another signature is EPERM", reg(), false,
			areaAddr, OrigSize, 0, 0x1234, abi.EPERM},
		{"identical re-register is EBUSY", reg(), false,
			areaAddr, OrigSize, 0, testSig, abi.EBUSY},
		{"length below 32 is EINVAL", &State{}, false,
			areaAddr, 20, 0, testSig, abi.EINVAL},
		{"length 32 misaligned is EINVAL", &State{}, false,
			areaAddr + 16, OrigSize, 0, testSig, abi.EINVAL},
		{"longer area misaligned is EINVAL", &State{}, false,
			areaAddr + 8, 64, 0, testSig, abi.EINVAL},
		{"area beyond user space is EFAULT", &State{}, false,
			DefaultTaskSize - 32, 64, 0, testSig, abi.EFAULT},
		{"unmapped area is EFAULT", &State{}, false,
			0x40000, OrigSize, 0, testSig, abi.EFAULT},
		{"unwritable area is EFAULT", &State{}, true,
			areaAddr, OrigSize, 0, testSig, abi.EFAULT},
		{"NULL area is EFAULT", &State{}, false,
			0, OrigSize, 0, testSig, abi.EFAULT},
		{"32 bytes aligned succeeds", &State{}, false,
			areaAddr, OrigSize, 0, testSig, 0},
		{"longer aligned area succeeds", &State{}, false,
			areaAddr, 64, 0, testSig, 0},
		{"SLICE_EXT_DEFAULT_ON is accepted", &State{}, false,
			areaAddr, OrigSize, RSEQ_FLAG_SLICE_EXT_DEFAULT_ON,
			testSig, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newFakeMem()
			m.readOnly = tt.readOnly

			got := Register(tt.st, m, tt.addr, tt.length, tt.flags,
				tt.sig)

			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRegisterWritesInitialValues(t *testing.T) {
	m := newFakeMem()
	m.put64(areaAddr+OffRseqCS, csAddr) // stale, from a dead thread
	m.put32(areaAddr+OffNodeID, 7)
	m.put32(areaAddr+OffMMCID, 9)
	m.put32(areaAddr+OffSliceCtrl, 0x55)
	st := &State{}

	require.Equal(t, abi.Errno(0),
		Register(st, m, areaAddr, OrigSize, 0, testSig))

	assert.Equal(t, uint32(0xffffffff), m.u32(areaAddr+OffCPUIDStart))
	assert.Equal(t, uint32(0xffffffff), m.u32(areaAddr+OffCPUID))
	assert.Equal(t, uint64(0), m.u64(areaAddr+OffRseqCS))
	assert.Equal(t, RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE,
		m.u32(areaAddr+OffFlags), "flags say slice extension is there")
	assert.Equal(t, uint32(0), m.u32(areaAddr+OffNodeID))
	assert.Equal(t, uint32(0), m.u32(areaAddr+OffMMCID))
	assert.Equal(t, uint32(0), m.u32(areaAddr+OffSliceCtrl))
	assert.False(t, st.SliceEnabled())
	assert.True(t, st.Pending(), "IDs due before the return to user")
	assert.False(t, st.IDsValid())
	assert.False(t, ExitToUserModeFast(st))
}

func TestUnregisterResetsAreaAsLinux(t *testing.T) {
	st, m := registered()
	st.TaskSize = DefaultTaskSize
	NoteMigrate(st)
	require.NoError(t, HandleNotifyResume(st, m, &fakeRegs{},
		IDs{CPU: 3, Node: 1, MMCID: 2}))
	require.Equal(t, uint32(3), m.u32(areaAddr+OffCPUIDStart))
	m.put64(areaAddr+OffRseqCS, csAddr)

	require.Equal(t, abi.Errno(0), Register(st, m, areaAddr, OrigSize,
		RSEQ_FLAG_UNREGISTER, testSig))

	assert.Equal(t, uint32(0), m.u32(areaAddr+OffCPUIDStart),
		"cpu_id_start stays a possible CPU number: 0")
	assert.Equal(t, uint32(0xffffffff), m.u32(areaAddr+OffCPUID),
		"cpu_id says unregistered")
	assert.Equal(t, uint32(0), m.u32(areaAddr+OffNodeID))
	assert.Equal(t, uint32(0), m.u32(areaAddr+OffMMCID))
	assert.Equal(t, uint64(csAddr), m.u64(areaAddr+OffRseqCS),
		"rseq_cs is left alone")
	assert.Equal(t, State{TaskSize: DefaultTaskSize}, *st)
	assert.True(t, ExitToUserModeFast(st))
}

func TestUnregisterFaultKillsOnExit(t *testing.T) {
	st, m := registered()
	m.readOnly = true

	e := Register(st, m, areaAddr, OrigSize, RSEQ_FLAG_UNREGISTER, testSig)

	assert.Equal(t, abi.EFAULT, e)
	assert.True(t, st.Registered(), "Linux keeps the registration")
	assert.False(t, ExitToUserModeFast(st))
	assert.ErrorIs(t,
		HandleNotifyResume(st, m, &fakeRegs{}, IDs{}), ErrFault)
}

func TestUAPILayout(t *testing.T) {
	var a Area
	var c CS
	tests := []struct {
		name      string
		got, want uintptr
	}{
		{"struct rseq is 32 bytes", unsafe.Sizeof(a), 32},
		{"cpu_id_start at 0", unsafe.Offsetof(a.CPUIDStart), OffCPUIDStart},
		{"cpu_id at 4", unsafe.Offsetof(a.CPUID), OffCPUID},
		{"rseq_cs at 8", unsafe.Offsetof(a.RseqCS), OffRseqCS},
		{"flags at 16", unsafe.Offsetof(a.Flags), OffFlags},
		{"node_id at 20", unsafe.Offsetof(a.NodeID), OffNodeID},
		{"mm_cid at 24", unsafe.Offsetof(a.MMCID), OffMMCID},
		{"slice_ctrl at 28", unsafe.Offsetof(a.SliceCtrl), OffSliceCtrl},
		{"feature size is offsetof(struct rseq, end)",
			unsafe.Sizeof(a), FeatureSize},
		{"struct rseq_cs is 32 bytes", unsafe.Sizeof(c), csSize},
		{"version at 0", unsafe.Offsetof(c.Version), csOffVersion},
		{"cs flags at 4", unsafe.Offsetof(c.Flags), csOffFlags},
		{"start_ip at 8", unsafe.Offsetof(c.StartIP), csOffStartIP},
		{"post_commit_offset at 16",
			unsafe.Offsetof(c.PostCommitOffset), csOffPostCommitOffset},
		{"abort_ip at 24", unsafe.Offsetof(c.AbortIP), csOffAbortIP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
		})
	}
}
