package amd64

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

func TestSysnoRoundTrip(t *testing.T) {
	for nr := range 500 {
		if s := Sys(nr); s != abi.SysInvalid {
			assert.Equal(t, nr, Nr(s), "Nr(Sys(%d))", nr)
		}
	}
	assert.Equal(t, abi.SysInvalid, Sys(-1))
	assert.Equal(t, -1, Nr(abi.SysInvalid))
}
