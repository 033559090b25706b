use proc_macro::TokenStream;
#[proc_macro]
pub fn platform(i: TokenStream) -> TokenStream {
    i
}
