"""The words that close a sentence by naming its source name the speaker's town, no place of the event (issue 13,
session 16, p16a). Our own sentences; fixture 902 carries the class in an article."""


def test_a_reporting_verb_after_a_comma_or_a_quote_cuts_the_source_off(extractor):
    said = "Les agents ont trouvé 35 grammes de résine, indique un gradé de Mont-de-Marsan."
    assert extractor._unattributed(said) == "Les agents ont trouvé 35 grammes de résine"
    quoted = "« Ils avaient tout caché dans une cave » a précisé mardi le chef des enquêteurs de Pau."
    assert extractor._unattributed(quoted).strip() == "« Ils avaient tout caché dans une cave"
    # a comma followed by the story itself, not its source, keeps the sentence whole
    told = "Mardi, à Dax, les agents ont trouvé 35 grammes de résine dans une cave."
    assert extractor._unattributed(told) == told
