export default function Home() {
  return <main>JWT Pizza</main>;
}
