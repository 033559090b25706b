// A misspelt keyword is a syntax error at the word, with a suggestion and the expected words.
use infra::platform;

fn main() {
    let _ = platform! {
        name: "demo",
        region: "ap-northeast-1",
        environments {
            production { zone: ["ap-northeast-1a"] }
        }
        network {
            vpc: "10.0.0.0/16",
        }
    };
}
