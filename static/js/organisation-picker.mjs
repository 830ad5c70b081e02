// Progressive enhancement of the directory's question page: the organisation <select> becomes
// GOV.UK's accessible autocomplete, so readers can type "DWP" or a former name like "NOMS".
// Without JavaScript the select works on its own; the form is a plain GET either way.
import "../build/accessible-autocomplete.min.js";

const select = document.querySelector('select[data-module="app-organisation-picker"]');
if (select && window.accessibleAutocomplete) {
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    // Keep the organisation already chosen (on an answer page); otherwise start empty, not with the prompt.
    ...(select.value === "" ? { defaultValue: "" } : {}),
    showAllValues: true,
    tNoResults: () => "No organisation found: try its abbreviation or a former name",
  });
}
