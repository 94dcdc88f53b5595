//! debug
fn main() {
    let f = cydlint::read::read_set(&[
        "fixtures/rules/CYD-X-023/fail/mdna-reports-material-costs.htm".into(),
    ]);
    let t = &f.text.text;
    let i = t.find("ransomware attack on").unwrap();
    println!("sentence: {:?}", f.text.sentence_at(i).map(|r| &t[r]));
    let j = t.find("We engage third").unwrap();
    println!("sentence: {:?}", f.text.sentence_at(j).map(|r| &t[r]));
    println!("n sentences {}", f.text.sentences.len());
}
