package rseq

import (
	"testing"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slice_ctrl values as the little-endian u32 user space sees.
const (
	ctrlRequest = 0x001
	ctrlGranted = 0x100
)

// sliceTask is a registered task with slice extension enabled through
// prctl, returning from an interrupt.
func sliceTask(t *testing.T) (*State, *fakeMem) {
	st, m := registered()
	r, e := SlicePrctl(st, m, abi.PR_RSEQ_SLICE_EXTENSION_SET,
		abi.PR_RSEQ_SLICE_EXT_ENABLE)
	require.Zero(t, e)
	require.Zero(t, r)
	NoteUserIRQ(st)
	return st, m
}

func TestSliceGrant(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(st *State, m *fakeMem)
		ctrl      uint32
		otherWork bool
		want      bool
		wantCtrl  uint32
	}{
		{name: "request from an interrupt is granted, request cleared",
			ctrl: ctrlRequest, want: true, wantCtrl: ctrlGranted},
		{name: "reserved bytes survive a grant",
			ctrl: 0xbeef0000 | ctrlRequest, want: true,
			wantCtrl: 0xbeef0000 | ctrlGranted},
		{name: "no request, no grant, nothing written",
			ctrl: 0, want: false, wantCtrl: 0},
		{name: "not enabled: no grant, request left alone",
			setup: func(st *State, m *fakeMem) {
				SlicePrctl(st, m, abi.PR_RSEQ_SLICE_EXTENSION_SET, 0)
			},
			ctrl: ctrlRequest, want: false, wantCtrl: ctrlRequest},
		{name: "syscall return is never granted",
			setup: func(st *State, _ *fakeMem) { ClearUserIRQ(st) },
			ctrl:  ctrlRequest, want: false, wantCtrl: ctrlRequest},
		{name: "other exit work denies and clears the request",
			ctrl: ctrlRequest, otherWork: true, want: false,
			wantCtrl: 0},
		{name: "a reschedule during a grant revokes it",
			setup: func(st *State, m *fakeMem) {
				m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
				GrantSliceExtension(st, m, false)
			},
			ctrl: ctrlGranted, want: false, wantCtrl: 0},
		{name: "a revoke needs no interrupt return",
			setup: func(st *State, m *fakeMem) {
				m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
				GrantSliceExtension(st, m, false)
				ClearUserIRQ(st)
			},
			ctrl: ctrlGranted, want: false, wantCtrl: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := sliceTask(t)
			if tt.setup != nil {
				tt.setup(st, m)
			}
			m.put32(areaAddr+OffSliceCtrl, tt.ctrl)
			m.writes = nil

			got, err := GrantSliceExtension(st, m, tt.otherWork)

			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want, st.SliceGranted())
			assert.Equal(t, tt.wantCtrl, m.u32(areaAddr+OffSliceCtrl))
			if tt.ctrl == tt.wantCtrl {
				assert.Empty(t, m.writes, "no user write")
			}
		})
	}
}

func TestSliceGrantFaultIsSIGSEGV(t *testing.T) {
	st, m := sliceTask(t)
	m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
	m.readOnly = true

	got, err := GrantSliceExtension(st, m, false)

	assert.False(t, got)
	assert.ErrorIs(t, err, ErrFault)
}

func TestSyscallEndsGrant(t *testing.T) {
	const getpid = 39
	tests := []struct {
		name      string
		granted   bool
		nr        int
		wantEnded bool
		wantYield int64
	}{
		{"rseq_slice_yield ends the grant and returns 1",
			true, NrSliceYield, true, 1},
		{"any other syscall ends it, a later yield returns 0",
			true, getpid, true, 0},
		{"yield without a grant returns 0", false, NrSliceYield,
			false, 0},
		{"other syscall without a grant does nothing", false, getpid,
			false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := sliceTask(t)
			if tt.granted {
				m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
				_, err := GrantSliceExtension(st, m, false)
				require.NoError(t, err)
			}
			ClearUserIRQ(st)

			ended, err := SyscallEnterSlice(st, m, tt.nr)

			require.NoError(t, err)
			assert.Equal(t, tt.wantEnded, ended, "reschedule now")
			assert.False(t, st.SliceGranted())
			assert.Equal(t, uint32(0), m.u32(areaAddr+OffSliceCtrl))
			assert.Equal(t, tt.wantYield, SliceYield(st))
			assert.Equal(t, int64(0), SliceYield(st), "read once")
		})
	}
}

func TestSyscallEndsGrantFaultIsSIGSEGV(t *testing.T) {
	st, m := sliceTask(t)
	m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
	_, err := GrantSliceExtension(st, m, false)
	require.NoError(t, err)
	m.readOnly = true

	ended, err := SyscallEnterSlice(st, m, NrSliceYield)

	assert.True(t, ended)
	assert.ErrorIs(t, err, ErrFault)
}

func TestSwitchClearsSliceCtrl(t *testing.T) {
	if EagerIDs {
		t.Skip("checks the cached-ID design")
	}
	tests := []struct {
		name string
		note func(*State)
		ids  IDs
		ctrl uint32
	}{
		{"preemption ends a grant", NotePreempt, IDs{}, ctrlGranted},
		{"preemption drops an ungranted request", NotePreempt, IDs{},
			ctrlRequest},
		{"migration ends a grant with the ID write", NoteMigrate,
			IDs{CPU: 1}, ctrlGranted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := sliceTask(t)
			if tt.ctrl == ctrlGranted {
				m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
				_, err := GrantSliceExtension(st, m, false)
				require.NoError(t, err)
			} else {
				m.put32(areaAddr+OffSliceCtrl, tt.ctrl)
			}
			tt.note(st)

			require.NoError(t, HandleNotifyResume(st, m, &fakeRegs{},
				tt.ids))

			assert.False(t, st.SliceGranted())
			assert.Equal(t, uint32(0), m.u32(areaAddr+OffSliceCtrl))
			assert.Equal(t, tt.ids.CPU, m.u32(areaAddr+OffCPUID))
		})
	}
}

func TestSlicePrctl(t *testing.T) {
	const (
		get    = abi.PR_RSEQ_SLICE_EXTENSION_GET
		set    = abi.PR_RSEQ_SLICE_EXTENSION_SET
		enable = abi.PR_RSEQ_SLICE_EXT_ENABLE
		avail  = RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE
		on     = RSEQ_CS_FLAG_SLICE_EXT_ENABLED
	)
	tests := []struct {
		name         string
		unregistered bool
		enabled      bool
		flags        uint32 // the area's flags before, 0: as registered
		op, arg      uint64
		want         int64
		wantErr      abi.Errno
		wantEnabled  bool
		wantFlags    uint32
		wantKill     error
	}{
		{name: "get when off is 0", op: get, wantFlags: avail},
		{name: "get when on is PR_RSEQ_SLICE_EXT_ENABLE", enabled: true,
			op: get, want: enable, wantEnabled: true,
			wantFlags: avail | on},
		{name: "get with arg3 is EINVAL", op: get, arg: 1,
			wantErr: abi.EINVAL, wantFlags: avail},
		{name: "get needs no registration", unregistered: true, op: get,
			wantFlags: avail},
		{name: "set enables and sets the ENABLED flag", op: set,
			arg: enable, wantEnabled: true, wantFlags: avail | on},
		{name: "set 0 disables and clears the ENABLED flag",
			enabled: true, op: set, wantFlags: avail},
		{name: "set to the same state is 0", enabled: true, op: set,
			arg: enable, wantEnabled: true, wantFlags: avail | on},
		{name: "set with unknown bits is EINVAL", op: set, arg: 3,
			wantErr: abi.EINVAL, wantFlags: avail},
		{name: "set unknown bits is checked before registration",
			unregistered: true, op: set, arg: 2, wantErr: abi.EINVAL,
			wantFlags: avail},
		{name: "set without registration is ENXIO", unregistered: true,
			op: set, arg: enable, wantErr: abi.ENXIO, wantFlags: avail},
		{name: "unknown op is EINVAL", op: 3, wantErr: abi.EINVAL,
			wantFlags: avail},
		{name: "set keeps user bits of flags", flags: avail | 0x100,
			op: set, arg: enable, wantEnabled: true,
			wantFlags: avail | on | 0x100},
		{name: "AVAILABLE cleared by user space is EFAULT and SIGSEGV",
			flags: 0x100, op: set, arg: enable, wantErr: abi.EFAULT,
			wantFlags: 0x100, wantKill: ErrSliceFlags},
		{name: "ENABLED cleared by user space is EFAULT and SIGSEGV",
			enabled: true, flags: avail, op: set, wantErr: abi.EFAULT,
			wantEnabled: true, wantFlags: avail,
			wantKill: ErrSliceFlags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := registered()
			if tt.unregistered {
				st = &State{}
			}
			if tt.enabled {
				_, e := SlicePrctl(st, m, set, enable)
				require.Zero(t, e)
			}
			if tt.flags != 0 {
				m.put32(areaAddr+OffFlags, tt.flags)
			}

			got, e := SlicePrctl(st, m, tt.op, tt.arg)

			assert.Equal(t, tt.wantErr, e)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantEnabled, st.SliceEnabled())
			assert.Equal(t, tt.wantFlags, m.u32(areaAddr+OffFlags))
			if tt.wantKill == nil {
				assert.False(t, st.Pending(), "no SIGSEGV due")
				return
			}
			assert.False(t, ExitToUserModeFast(st))
			assert.ErrorIs(t, HandleNotifyResume(st, m, &fakeRegs{},
				IDs{}), tt.wantKill)
		})
	}
}

func TestSlicePrctlFaultIsSIGSEGV(t *testing.T) {
	st, m := registered()
	m.readOnly = true

	_, e := SlicePrctl(st, m, abi.PR_RSEQ_SLICE_EXTENSION_SET,
		abi.PR_RSEQ_SLICE_EXT_ENABLE)

	assert.Equal(t, abi.EFAULT, e)
	assert.False(t, st.SliceEnabled())
	assert.ErrorIs(t, HandleNotifyResume(st, m, &fakeRegs{}, IDs{}),
		ErrFault)
}

func TestRegisterSliceDefaultOn(t *testing.T) {
	tests := []struct {
		name        string
		flags       uint32
		wantEnabled bool
		wantFlags   uint32
	}{
		{"without the flag slice extension is off", 0, false,
			RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE},
		{"SLICE_EXT_DEFAULT_ON enables it", RSEQ_FLAG_SLICE_EXT_DEFAULT_ON,
			true, RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE |
				RSEQ_CS_FLAG_SLICE_EXT_ENABLED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newFakeMem()
			m.put32(areaAddr+OffSliceCtrl, 0x0101)
			st := &State{}

			require.Zero(t, Register(st, m, areaAddr, OrigSize,
				tt.flags, testSig))

			assert.Equal(t, tt.wantEnabled, st.SliceEnabled())
			assert.Equal(t, tt.wantFlags, m.u32(areaAddr+OffFlags))
			assert.Equal(t, uint32(0), m.u32(areaAddr+OffSliceCtrl),
				"slice_ctrl cleared")
		})
	}
}

func TestUnregisterForgetsSliceExtension(t *testing.T) {
	st, m := sliceTask(t)
	ClearUserIRQ(st)

	require.Zero(t, Register(st, m, areaAddr, OrigSize,
		RSEQ_FLAG_UNREGISTER, testSig))

	assert.False(t, st.SliceEnabled())
	r, e := SlicePrctl(st, m, abi.PR_RSEQ_SLICE_EXTENSION_GET, 0)
	assert.Zero(t, e)
	assert.Zero(t, r)
}

// fakeTimer counts the cancels of a grant's timer.
type fakeTimer struct{ cancels int }

func (f *fakeTimer) CancelSliceTimer() { f.cancels++ }

func TestSliceTimerCancelledWhenTheGrantEnds(t *testing.T) {
	tests := []struct {
		name        string
		end         func(st *State, m *fakeMem)
		wantCancels int
	}{
		{name: "a reschedule that revokes (its expiry, a tick) cancels",
			end: func(st *State, m *fakeMem) {
				GrantSliceExtension(st, m, false)
			},
			wantCancels: 1},
		{name: "a syscall that ends the grant cancels",
			end: func(st *State, m *fakeMem) {
				SyscallEnterSlice(st, m, NrSliceYield)
			},
			wantCancels: 1},
		{name: "a second end finds nothing to cancel",
			end: func(st *State, m *fakeMem) {
				SyscallEnterSlice(st, m, NrSliceYield)
				GrantSliceExtension(st, m, true)
			},
			wantCancels: 1},
		{name: "a fault keeps the grant and its timer",
			end: func(st *State, m *fakeMem) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := sliceTask(t)
			m.put32(areaAddr+OffSliceCtrl, ctrlRequest)
			granted, err := GrantSliceExtension(st, m, false)
			require.NoError(t, err)
			require.True(t, granted)
			timer := &fakeTimer{}
			SliceTimerArmed(st, timer)

			tt.end(st, m)

			assert.Equal(t, tt.wantCancels, timer.cancels)
		})
	}
}
