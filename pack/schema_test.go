package pack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
	"github.com/rehearse/rehearse"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	raw, err := os.ReadFile("../docs/pack.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("pack.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("pack.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return s, m
}

// TestSchemaAcceptsPacks validates every file of the good fixtures and of
// the shipped content against the published JSON Schema, so that an editor
// using the schema agrees with the linter.
func TestSchemaAcceptsPacks(t *testing.T) {
	schema, _ := compileSchema(t)
	var files []string
	for _, root := range []string{"testdata/good", "../content"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
				files = append(files, p)
			}
			return err
		})
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		b, _ := json.Marshal(v)
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s does not match docs/pack.schema.json: %v", f, err)
		}
	}
}

// TestSchemaFieldsMatchTypes checks that the schema names exactly the keys
// the loader reads, type by type.
func TestSchemaFieldsMatchTypes(t *testing.T) {
	_, m := compileSchema(t)
	defs := m["$defs"].(map[string]any)
	props := func(obj map[string]any) []string {
		var keys []string
		for k := range obj["properties"].(map[string]any) {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys
	}
	yamlKeys := func(v any) []string {
		var keys []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			if k := strings.Split(rt.Field(i).Tag.Get("yaml"), ",")[0]; k != "" && k != "-" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		return keys
	}
	steps := defs["scenario"].(map[string]any)["properties"].(map[string]any)["steps"].(map[string]any)["items"].(map[string]any)
	examples := defs["question"].(map[string]any)["properties"].(map[string]any)["examples"].(map[string]any)
	tests := []struct {
		name   string
		schema map[string]any
		typ    any
	}{
		{"role", m, rehearse.Role{}},
		{"area", defs["area"].(map[string]any), rehearse.Area{}},
		{"question", defs["question"].(map[string]any), rehearse.Question{}},
		{"talkingPoint", defs["talkingPoint"].(map[string]any), rehearse.TalkingPoint{}},
		{"redFlag", defs["redFlag"].(map[string]any), rehearse.RedFlag{}},
		{"examples", examples, rehearse.Examples{}},
		{"scenario", defs["scenario"].(map[string]any), rehearse.Scenario{}},
		{"step", steps, rehearse.ScenarioStep{}},
		{"term", defs["term"].(map[string]any), rehearse.Term{}},
		{"tip", defs["tip"].(map[string]any), rehearse.Tip{}},
		{"askEmployer", defs["askEmployer"].(map[string]any), rehearse.AskEmployer{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(yamlKeys(tt.typ), props(tt.schema)); diff != "" {
			t.Errorf("%s: schema properties differ from the Go type's yaml keys (-go +schema):\n%s", tt.name, diff)
		}
	}
}
