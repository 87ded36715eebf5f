package rseq

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIDsWrittenOnlyWhenChanged(t *testing.T) {
	if EagerIDs {
		t.Skip("checks the cached-ID design; rseqeager rewrites on every exit")
	}

	st, m := justRegistered()
	regs := &fakeRegs{ip: 0x400000}

	steps := []struct {
		name      string
		note      func(*State)
		ids       IDs
		wantFast  bool
		wantWrite int
	}{
		{"first exit after register writes the IDs", nil,
			IDs{CPU: 2, Node: 0, MMCID: 0}, false, 2},
		{"nothing happened: fast path, no write", nil,
			IDs{CPU: 2}, true, 0},
		{"preempted on the same CPU: slow path, no write", NotePreempt,
			IDs{CPU: 2}, false, 0},
		{"migrated: IDs rewritten", NoteMigrate,
			IDs{CPU: 3}, false, 2},
		{"migrated back to the same CPU id: no write", NoteMigrate,
			IDs{CPU: 3}, false, 0},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.note != nil {
				s.note(st)
			}
			m.writes = nil

			assert.Equal(t, s.wantFast, ExitToUserModeFast(st))
			if !s.wantFast {
				require.NoError(t,
					HandleNotifyResume(st, m, regs, s.ids))
			}

			assert.Equal(t, s.wantWrite, m.idWrites())
			assert.True(t, ExitToUserModeFast(st))
			assert.True(t, st.IDsValid())
			assert.Equal(t, s.ids.CPU, m.u32(areaAddr+OffCPUIDStart))
			assert.Equal(t, s.ids.CPU, m.u32(areaAddr+OffCPUID))
		})
	}
}

func TestNoteEventsNeedRegistration(t *testing.T) {
	st := &State{}

	NotePreempt(st)
	NoteMigrate(st)

	assert.True(t, ExitToUserModeFast(st), "no rseq work when unregistered")
}

func TestCriticalSectionAbort(t *testing.T) {
	tests := []struct {
		name      string
		ip        uint64
		event     func(st *State, m *fakeMem, r *fakeRegs) error
		wantIP    uint64
		wantCSPtr uint64
	}{
		{name: "preempt inside the section aborts",
			ip: startIP + 4, event: preempt,
			wantIP: abortIP, wantCSPtr: 0},
		{name: "preempt on the first instruction aborts",
			ip: startIP, event: preempt,
			wantIP: abortIP, wantCSPtr: 0},
		{name: "migrate inside the section aborts",
			ip: startIP + 8, event: migrate,
			wantIP: abortIP, wantCSPtr: 0},
		{name: "signal inside the section aborts",
			ip: startIP + 4, event: signal,
			wantIP: abortIP, wantCSPtr: 0},
		{name: "preempt at the commit point does not abort",
			ip: startIP + commitOff, event: preempt,
			wantIP: startIP + commitOff, wantCSPtr: 0},
		{name: "preempt before the section clears rseq_cs only",
			ip: startIP - 2, event: preempt,
			wantIP: startIP - 2, wantCSPtr: 0},
		{name: "signal outside the section clears rseq_cs only",
			ip: 0x12000, event: signal,
			wantIP: 0x12000, wantCSPtr: 0},
		{name: "IDs-only slow path inside the section leaves it",
			ip: startIP + 4, event: idsOnly,
			wantIP: startIP + 4, wantCSPtr: csAddr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := registered()
			m.putCS(goodCS())
			m.put64(areaAddr+OffRseqCS, csAddr)
			regs := &fakeRegs{ip: tt.ip}

			require.NoError(t, tt.event(st, m, regs))

			assert.Equal(t, tt.wantIP, regs.ip)
			assert.Equal(t, tt.wantCSPtr, m.u64(areaAddr+OffRseqCS))
		})
	}
}

func preempt(st *State, m *fakeMem, r *fakeRegs) error {
	NotePreempt(st)
	return HandleNotifyResume(st, m, r, IDs{})
}

func migrate(st *State, m *fakeMem, r *fakeRegs) error {
	NoteMigrate(st)
	return HandleNotifyResume(st, m, r, IDs{CPU: 1})
}

func signal(st *State, m *fakeMem, r *fakeRegs) error {
	return SignalDeliver(st, m, r)
}

func idsOnly(st *State, m *fakeMem, r *fakeRegs) error {
	st.pending |= eventIDs
	return HandleNotifyResume(st, m, r, IDs{})
}

func TestSignalDeliverLeavesNoAbortPending(t *testing.T) {
	if EagerIDs {
		t.Skip("checks the cached-ID design; rseqeager rewrites on every exit")
	}

	st, m := registered()
	NotePreempt(st)

	require.NoError(t, SignalDeliver(st, m, &fakeRegs{ip: 0x400000}))

	assert.True(t, ExitToUserModeFast(st))
}

func TestMalformedCriticalSection(t *testing.T) {
	tests := []struct {
		name  string
		cs    func(*CS)
		ptr   uint64
		sig   uint32
		unmap bool
		want  error
	}{
		{name: "version 1", cs: func(c *CS) { c.Version = 1 },
			want: ErrCSVersion},
		{name: "deprecated NO_RESTART flag", cs: func(c *CS) { c.Flags = 1 },
			want: ErrCSFlags},
		{name: "undefined flag", cs: func(c *CS) { c.Flags = 8 },
			want: ErrCSFlags},
		{name: "start_ip beyond user space",
			cs:   func(c *CS) { c.StartIP = DefaultTaskSize },
			want: ErrCSRange},
		{name: "end beyond user space",
			cs:   func(c *CS) { c.PostCommitOffset = DefaultTaskSize },
			want: ErrCSRange},
		{name: "start_ip plus offset wraps",
			cs:   func(c *CS) { c.PostCommitOffset = ^uint64(0) - 8 },
			want: ErrCSRange},
		{name: "abort_ip beyond user space",
			cs:   func(c *CS) { c.AbortIP = DefaultTaskSize + 8 },
			want: ErrAbortIP},
		{name: "abort_ip below 4",
			cs:   func(c *CS) { c.AbortIP = 2 },
			want: ErrAbortIP},
		{name: "abort_ip inside the section",
			cs:   func(c *CS) { c.AbortIP = startIP + 4 },
			want: ErrAbortIP},
		{name: "wrong signature before abort_ip", sig: 0xdeadbeef,
			want: ErrSignature},
		{name: "rseq_cs beyond user space", ptr: DefaultTaskSize,
			want: ErrCSAddr},
		{name: "rseq_cs unmapped", ptr: 0x80000, want: ErrFault},
		{name: "area unmapped", unmap: true, want: ErrFault},
	}
	hooks := []struct {
		name string
		run  func(st *State, m *fakeMem, r *fakeRegs) error
	}{
		{"notify-resume", preempt},
		{"signal delivery", signal},
	}
	for _, h := range hooks {
		for _, tt := range tests {
			t.Run(h.name+"/"+tt.name, func(t *testing.T) {
				st, m := registered()
				cs := goodCS()
				if tt.cs != nil {
					tt.cs(&cs)
				}
				m.putCS(cs)
				ptr := uint64(csAddr)
				if tt.ptr != 0 {
					ptr = tt.ptr
				}
				m.put64(areaAddr+OffRseqCS, ptr)
				if tt.sig != 0 {
					m.put32(abortIP-4, tt.sig)
				}
				if tt.unmap {
					st.Addr = 0x90000
				}
				regs := &fakeRegs{ip: startIP + 4}

				err := h.run(st, m, regs)

				assert.ErrorIs(t, err, tt.want, "SIGSEGV reason")
				assert.Equal(t, uint64(startIP+4), regs.ip,
					"no jump through a bad descriptor")
			})
		}
	}
}

func TestDebugSyscallReturn(t *testing.T) {
	tests := []struct {
		name      string
		ptr       uint64
		ip        uint64
		want      error
		wantCSPtr uint64
	}{
		{"no critical section is fine", 0, startIP + 4, nil, 0},
		{"syscall inside a section is SIGSEGV", csAddr, startIP + 4,
			ErrSyscallInCS, csAddr},
		{"syscall outside clears rseq_cs", csAddr, 0x12000, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, m := registered()
			m.putCS(goodCS())
			m.put64(areaAddr+OffRseqCS, tt.ptr)

			err := DebugSyscallReturn(st, m, &fakeRegs{ip: tt.ip})

			assert.ErrorIs(t, err, tt.want)
			if tt.want == nil {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.wantCSPtr, m.u64(areaAddr+OffRseqCS))
		})
	}
}

func TestEagerDesignRewritesOnEveryExit(t *testing.T) {
	if !EagerIDs {
		t.Skip("build with -tags rseqeager")
	}
	st, m := registered()
	regs := &fakeRegs{ip: 0x1000}

	for i := range 3 {
		m.writes = nil
		assert.False(t, ExitToUserModeFast(st), "exit %d: slow path", i)
		require.NoError(t, HandleNotifyResume(st, m, regs, IDs{}))
		assert.NotEmpty(t, m.writes, "exit %d: IDs rewritten", i)
		assert.True(t, ExitToUserModeFast(st), "exit %d: then done", i)
	}
}

func TestExitToUserModeUpdate(t *testing.T) {
	if EagerIDs {
		t.Skip("the rseqeager design has no inline update")
	}

	t.Run("writes the IDs inline and leaves nothing pending",
		func(t *testing.T) {
			st, m := justRegistered()
			require.False(t, ExitToUserModeFast(st))

			assert.True(t, ExitToUserModeUpdate(st, m,
				&fakeRegs{ip: 0x400000}, IDs{CPU: 1}))
			assert.Equal(t, uint32(1), m.u32(areaAddr+OffCPUID))
			assert.True(t, ExitToUserModeFast(st))
		})

	t.Run("a fault is left to the slow path, which reports it",
		func(t *testing.T) {
			st, m := justRegistered()
			m.readOnly = true
			regs := &fakeRegs{ip: 0x400000}

			assert.False(t, ExitToUserModeUpdate(st, m, regs,
				IDs{CPU: 1}))
			assert.False(t, ExitToUserModeFast(st), "still pending")
			assert.False(t, ExitToUserModeUpdate(st, m, regs,
				IDs{CPU: 1}), "a recorded failure is not retried")

			m.readOnly = false
			assert.ErrorIs(t, HandleNotifyResume(st, m, regs,
				IDs{CPU: 1}), ErrFault,
				"the slow path gives the first failure's reason")
		})
}
