/** The application shell. Sign-in, the surveyor's home and the questionnaire screens come with the PWA. */
export function App() {
  return (
    <main>
      <h1>Phiếu</h1>
      <p>Thu thập phiếu điều tra xã hội học và tự đánh giá Chỉ số cải cách hành chính.</p>
    </main>
  );
}
